/**
 * Step two of a load, all set-based in DuckDB: the text table of a file → a work table with each
 * cell as given (g_), normalised (n_) and typed (t_), plus the first problem of each row and (v2)
 * the optional cells it loses (c_, emptied before the row rules); then duplicate keys; then the
 * clean rows into raw_<file> and the others into raw_rejects, exactly once each (action row),
 * with each emptied cell of a loaded row beside them (action cell). SQL text is generated only from the contract metadata and the rules of row-rules.ts.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { ColumnSpec, FileSpec } from "../src/contract.ts";
import { queryRows } from "../src/warehouse/duckdb.ts";
import { rawTableName } from "../src/warehouse/schema.ts";
import {
  cellChecks, cellProblem, dateRangeChecks, emptiedColumns, plainForm, plainTypedExpression, precheckedColumns, typedExpression,
} from "./cell-checks.ts";
import {
  excelErrorCheck, MAX_CELL_CHARS, noteTableName, overlappingAppointmentsSql, shapeChecks, trailingNotesSql, trailingNotesUpdateSql,
} from "./file-rules.ts";
import type { SourceFile } from "./find-files.ts";
import { derivedColumns, keys, loadedValues, references, rowRules, type Check } from "./row-rules.ts";
import { columnLabel, sqlName, sqlString } from "./sql-text.ts";
import { cellColumn, OVERFLOW_COLUMN, type TextTable } from "./text-table.ts";

export interface FileCounts {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** v2: cells of optional columns emptied in loaded rows (rejects with action `cell`); not rows. */
  cellsEmptied: number;
}

const workTable = (spec: FileSpec): string => `work_${spec.name}`;

const problemStruct = (column: string | null, value: string, reason: string): string =>
  `{'column': cast(${column === null ? "null" : sqlString(column)} as varchar), 'value': cast(${value} as varchar), 'reason': cast(${reason} as varchar)}`;

function referenceChecks(spec: FileSpec): Check[] {
  return (references[spec.name] ?? []).map(({ column, table }) => {
    const label = columnLabel(spec.columns.find((c) => c.name === column)!);
    const [key, fileLabel] = table === "raw_staff" ? ["staff_id", "教职工表"] : ["school_id", "学校表"];
    return {
      column,
      fails: `"t_${column}" is not null and "t_${column}" not in (select "${key}" from ${table})`,
      reason: `${sqlString(`${label} `)} || "t_${column}" || ${sqlString(` 在${fileLabel}中不存在`)}`,
    };
  });
}

/** The CREATE TABLE … AS that types every cell and finds each row's first problem. */
export function workTableSql(spec: FileSpec, text: TextTable, source: SourceFile): string {
  const cellOf = (column: ColumnSpec): string | undefined => {
    const index = text.mapping.columns.get(column.name);
    return index === undefined ? undefined : cellColumn(index);
  };
  const given = spec.columns.map((column) => `${cellOf(column) ?? "cast(null as varchar)"} as "g_${column.name}"`);
  const allCells = [...Array.from({ length: text.width }, (_, i) => cellColumn(i)), OVERFLOW_COLUMN];
  const glued = `concat(${allCells.join(", ")})`;
  // A row whose numbers and dates are all plain (plainForm) or empty is typed by casts alone: one
  // look at those cells glued together, instead of normalising and reading each of them. chr(31)
  // goes between them; no plain form holds it, so a cell holding one cannot shift the others.
  const plain = spec.columns.flatMap((column) => {
    const cell = cellOf(column);
    const form = plainForm(column, text.date1904);
    return cell !== undefined && form !== null ? [{ name: column.name, cell, form }] : [];
  });
  const plainPattern = plain.map(({ form }) => `(${form})?`).join("\u001f");
  const isPlain = plain.length === 0 ? "false" : `regexp_full_match(concat(${plain.map(({ cell }) => cell).join(", chr(31), ")}), ${sqlString(plainPattern)})`;
  const plainNames = new Set(plain.map(({ name }) => name));
  // The normalised text of a plain cell is the cell (an empty one is no text: null).
  const normed = spec.columns.map((column) => {
    const g = `"g_${column.name}"`;
    return `${plainNames.has(column.name) ? `case when is_plain then nullif(${g}, '') else cb_norm(${g}) end` : `cb_norm(${g})`} as "n_${column.name}"`;
  });
  const prechecked = spec.columns.flatMap(precheckedColumns);
  const typed = spec.columns.map((column) => {
    const read = typedExpression(column, text.date1904);
    return `${plainNames.has(column.name) ? `case when is_plain then ${plainTypedExpression(column)} else ${read} end` : read} as "t_${column.name}"`;
  });
  // v2: an optional cell that cannot be used gets its reason in c_<column> and is emptied (t_ set
  // to null) before the row rules, which then see an empty cell; the row loads.
  const emptied = emptiedColumns(spec);
  const cellProblems = emptied.map((column) => `${cellProblem(column, [excelErrorCheck(column, true)])} as "c_${column.name}"`);
  const emptiedTyped = emptied.map((column) => `case when "c_${column.name}" is null then "t_${column.name}" end as "t_${column.name}"`);
  const cellProblemList = emptied.length === 0
    ? "cast(null as struct(\"column\" varchar, \"value\" varchar, reason varchar)[])"
    : `case when ${emptied.map((column) => `"c_${column.name}" is not null`).join(" or ")} then list_filter([${emptied
        .map((column) => `case when "c_${column.name}" is not null then ${problemStruct(column.name, `"g_${column.name}"`, `"c_${column.name}"`)} end`)
        .join(", ")}], problem -> problem is not null) end`;
  const derived = Object.entries(derivedColumns[spec.name] ?? {}).map(([name, sql]) => `${sql} as ${sqlName(name)}`);
  const checks: Check[] = [
    ...shapeChecks(spec, new Set(text.mapping.columns.keys())),
    ...(source.format === "csv"
      ? [{
          column: null,
          fails: `cb_norm(g_overflow) is not null`,
          reason: `'这一行的单元格比表头多（多出：' || left(g_overflow, 200) || '），可能是某个值里有没加引号的逗号'`,
          value: "left(g_overflow, 1000)",
        }]
      : []),
    ...cellChecks(spec),
    ...rowRules[spec.name],
    ...dateRangeChecks(spec),
    ...referenceChecks(spec),
  ];
  // The work table keeps only what later steps read: materialising every g_/n_ column of a
  // million-row file costs more than computing them.
  const kept = [
    "row_number",
    ...spec.columns.map((column) => `"t_${column.name}"`),
    ...Object.keys(derivedColumns[spec.name] ?? {}).map(sqlName),
    ...[...new Set((keys[spec.name] ?? []).map((key) => key[0]!))].map((name) => `"g_${name}"`),
  ];
  const branches = checks.map(
    (check) => `when ${check.fails} then ${problemStruct(check.column, check.value ?? (check.column ? `"g_${check.column}"` : "null"), check.reason)}`,
  );
  return `create or replace temp table ${workTable(spec)} as
    with given as (
      select ${text.rowNumberSql} as row_number, ${given.join(", ")}, ${OVERFLOW_COLUMN} as g_overflow,
        cb_blank_row(coalesce(${allCells.join(", ")}), ${glued}) as is_blank,
        -- One cheap look per row, so the per-cell shape checks run only on rows that may fail them.
        contains(${glued}, '#') or strlen(${glued}) > ${MAX_CELL_CHARS} as is_suspect,
        ${isPlain} as is_plain
      from ${text.table}
    ),
    normed as (select *, ${normed.join(", ")} from given where not is_blank),
    prechecked as (select *${prechecked.map((p) => `, ${p}`).join("")} from normed),
    typed as (select *, ${typed.join(", ")} from prechecked),
    checked as (select *${cellProblems.map((c) => `, ${c}`).join("")} from typed),
    emptied as (select *${emptiedTyped.length ? ` replace (${emptiedTyped.join(", ")})` : ""} from checked),
    derived as (select *${derived.map((d) => `, ${d}`).join("")} from emptied)
    select ${kept.join(", ")}, case ${branches.join("\n      ")} end as problem, ${cellProblemList} as cell_problems from derived`;
}

/** Marks later rows repeating a key of an earlier, not yet rejected row. */
function duplicateKeySql(spec: FileSpec, key: readonly string[]): string {
  const columns = key.map((name) => spec.columns.find((column) => column.name === name)!);
  const t = (name: string) => `"t_${name}"`;
  const described = columns
    .map((column) => `${sqlString(`${columnLabel(column)} `)} || cast(work.${t(column.name)} as varchar)`)
    .join(` || '、' || `);
  const problem = problemStruct(key[0]!, `work."g_${key[0]}"`, `'与第 ' || cast(dup.first_row as varchar) || ' 行重复：' || ${described}`);
  return `update ${workTable(spec)} as work set problem = ${problem}
    from (
      select row_number, first_value(row_number) over keyed as first_row, row_number() over keyed as nth
      from ${workTable(spec)}
      where problem is null and ${key.map((name) => `${t(name)} is not null`).join(" and ")}
      window keyed as (partition by ${key.map(t).join(", ")} order by row_number)
    ) as dup
    where work.row_number = dup.row_number and dup.nth > 1`;
}

export async function validateAndLoad(
  connection: DuckDBConnection,
  source: SourceFile,
  text: TextTable,
  today: string,
): Promise<FileCounts> {
  const { spec, fileName } = source;
  const work = workTable(spec);
  const sql = workTableSql(spec, text, source);
  const cells = [...Array.from({ length: text.width }, (_, i) => cellColumn(i)), OVERFLOW_COLUMN];
  await connection.run(trailingNotesSql(spec, text.table, text.rowNumberSql, cells));
  // DuckDB refuses a parameter the statement does not use, and only some rules look at today.
  await connection.run(sql, sql.includes("$today") ? { today } : undefined);
  // Notes first: a note row must not be counted as the earlier row of a duplicate or overlap.
  await connection.run(trailingNotesUpdateSql(spec, work));
  for (const key of keys[spec.name] ?? []) await connection.run(duplicateKeySql(spec, key));
  if (spec.name === "appointments") await connection.run(overlappingAppointmentsSql(work));

  const loaded = spec.columns.map((column) => `${loadedValues[spec.name]?.[column.name] ?? `"t_${column.name}"`}`);
  await connection.run(
    `insert into ${rawTableName(spec)} (${[...spec.columns.map((column) => sqlName(column.name)), '"row_number"'].join(", ")})
     select ${[...loaded, "row_number"].join(", ")} from ${work} where problem is null`, // file order: insertion order is kept
  );
  // A rejected row is listed once (action row); a loaded row lists each optional cell it lost
  // (action cell), in column order.
  await connection.run(
    `insert into raw_rejects ("file", "row_number", "column", "value", "reason", "action")
     select $file, row_number, problem['column'], problem['value'], problem['reason'], action from (
       select row_number, 0 as nth, problem, 'row' as action from ${work} where problem is not null
       union all
       select row_number, generate_subscripts(cell_problems, 1) as nth, unnest(cell_problems) as problem, 'cell' as action
       from ${work} where problem is null and cell_problems is not null
     ) order by row_number, nth`,
    { file: fileName },
  );
  await keepExtraCells(connection, text, fileName);

  const [counts] = await queryRows(
    connection,
    `select count(*) as read, count(*) filter (where problem is null) as loaded,
       coalesce(sum(len(cell_problems)) filter (where problem is null), 0) as emptied from ${work}`,
  );
  await connection.run(`drop table ${work}`);
  await connection.run(`drop table ${noteTableName(spec)}`);
  await connection.run(`drop table ${text.table}`);
  const rowsRead = Number(counts!.read);
  const rowsLoaded = Number(counts!.loaded);
  return { rowsRead, rowsLoaded, rowsRejected: rowsRead - rowsLoaded, cellsEmptied: Number(counts!.emptied) };
}

/** Cells under headers the contract does not know (and, in a workbook, beyond the header). */
async function keepExtraCells(connection: DuckDBConnection, text: TextTable, fileName: string): Promise<void> {
  const extras = text.mapping.extras.map(({ index, header }) => ({ cell: cellColumn(index), header }));
  // A CSV row longer than its header is rejected instead (see workTableSql): its cells may be shifted.
  if (text.encoding === "xlsx") extras.push({ cell: OVERFLOW_COLUMN, header: "（表头以外的单元格）" });
  for (const { cell, header } of extras) {
    await connection.run(
      `insert into raw_extra_cells select $file, ${text.rowNumberSql}, $header, ${cell}
       from ${text.table} where cb_norm(${cell}) is not null order by 2`,
      { file: fileName, header },
    );
  }
}
