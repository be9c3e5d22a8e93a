/**
 * Checks about the shape of a file rather than one value: rows that are not records at all
 * (note rows under the data, a header repeated where two exports were pasted together), cells
 * Excel could not compute (#N/A), runaway cells, and appointments of one person to one post whose
 * periods overlap. All SQL here is generated from the contract's metadata; cell values reach it
 * only as table columns.
 */
import { vocabularies, type ColumnSpec, type FileSpec } from "../src/contract.ts";
import type { Check } from "./row-rules.ts";
import { columnLabel, sqlString } from "./sql-text.ts";

/**
 * 「备注：…」「制表人：张三」「合计 325」: what clerks type under a table. A row is note-like when
 * its first text starts with one of these words, or when it has a single cell holding a colon
 * (「2024年1月导出：人事股」). Only the note-like rows after the last record count as notes.
 */
const NOTE_START =
  "^(备\\s*注|附\\s*注|注|说\\s*明|制表人?|填表人?|填报人|审核人?|审批人?|负责人|单位负责人|经办人|联系人|联系电话|填报单位|" +
  "制表日期|填报日期|打印日期|导出时间|数据来源|合\\s*计|总\\s*计|小\\s*计|共\\s*计)\\s*([:：\\s]|$)";

/** Longest cell kept: a longer one is almost always several cells pasted into one. */
export const MAX_CELL_CHARS = 1000;

/** What Excel and WPS write in a cell whose formula failed. */
const EXCEL_ERRORS = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#N/A N/A"];

/** How many rows at the end of a file are looked at for notes: a note block is a few rows. */
const NOTE_SEARCH_ROWS = 200;

export const noteTableName = (spec: FileSpec): string => `notes_${spec.name}`;

/**
 * Finds the trailing note rows once, over the last rows of the text table only, so the per-row
 * pipeline of a million-row file just looks them up. `cells` are the text table's cell columns.
 */
export function trailingNotesSql(spec: FileSpec, textTable: string, rowNumberSql: string, cells: readonly string[]): string {
  const filled = cells.map((cell) => `(${cell} is not null and trim(${cell}) <> '')::integer`).join(" + ");
  return `create or replace temp table ${noteTableName(spec)} as
    with tail as (
      select ${rowNumberSql} as row_number, cb_norm(concat_ws(' ', ${cells.join(", ")})) as joined,
        trim(concat_ws(' ', ${cells.join(", ")})) as given, ${filled} as filled
      -- rowid is insertion order 0 … n-1: reading only the last rows' ids, not the whole table.
      from ${textTable} where rowid >= (select count(*) from ${textTable}) - ${NOTE_SEARCH_ROWS}
    ),
    marked as (
      select row_number, joined, given,
        regexp_matches(joined, ${sqlString(NOTE_START)}) or (filled = 1 and regexp_matches(joined, '[:：]')) as is_note_like
      from tail where joined is not null
    )
    select row_number as note_row, given as note_text from marked
    where is_note_like and row_number > coalesce((select max(row_number) from marked where not is_note_like), 0)`;
}

const shortValue = (sql: string): string =>
  `case when length(${sql}) > 200 then left(${sql}, 200) || '…' else ${sql} end`;

/** Marks the trailing note rows: they are not records, whatever else is wrong with them. */
export function trailingNotesUpdateSql(spec: FileSpec, workTable: string): string {
  return `update ${workTable} as work set problem = {'column': cast(null as varchar), 'value': ${shortValue("note.note_text")},
      'reason': '表格末尾的说明行（备注、制表人、合计等），不是一条记录，未导入'}
    from ${noteTableName(spec)} as note where work.row_number = note.note_row`;
}

/** A cell Excel could not compute (#N/A …): its formula failed, there is no value to read. When
 * the cell is emptied rather than the row rejected, the reason stops before the advice. */
export function excelErrorCheck(column: ColumnSpec, emptied = false): Check {
  const n = `"n_${column.name}"`;
  return {
    column: column.name,
    // starts_with first: a cheap test most cells fail, so the list is rarely consulted. And
    // list_contains, not IN: DuckDB turns a long IN list into a join over every row of the
    // file, guard or no guard (16 of them for the appraisals: seconds at a million staff).
    fails: `is_suspect and starts_with(${n}, '#') and list_contains([${EXCEL_ERRORS.map(sqlString).join(", ")}], ${n})`,
    reason: `${sqlString(`「${columnLabel(column)}」是 Excel 错误值 `)} || ${n} || '（公式没有算出结果）${emptied ? "" : "：请在原表中修正公式或填入实际值"}'`,
  };
}

/** Checks that come before any value check: a row that is not a record gets this reason, not "工号不能为空". */
export function shapeChecks(spec: FileSpec, mapped: ReadonlySet<string>): Check[] {
  const checks: Check[] = [];
  // Two columns still holding their own header names: the header again, not a record.
  const named = spec.columns.filter((column) => column.requiredColumn && mapped.has(column.name)).slice(0, 2);
  if (named.length === 2) {
    const isName = (column: ColumnSpec) =>
      `list_contains([${[column.name, ...column.aliases].map((name) => sqlString(name.toLowerCase())).join(", ")}], lower("n_${column.name}"))`;
    checks.push({
      column: null,
      fails: named.map(isName).join(" and "),
      reason: "'这一行又是一遍表头（可能是两份导出拼在了一起），不是一条记录，未导入'",
      value: `"g_${named[0]!.name}"`,
    });
  }
  for (const column of spec.columns.filter((c) => mapped.has(c.name))) {
    const label = columnLabel(column);
    const n = `"n_${column.name}"`;
    // In an optional column the error value empties the cell instead (cell-checks.ts cellProblem).
    if (!column.emptiedWhenUnreadable) checks.push(excelErrorCheck(column));
    checks.push(
      {
        column: column.name,
        fails: `is_suspect and strlen(${n}) > ${MAX_CELL_CHARS} and length(${n}) > ${MAX_CELL_CHARS}`, // bytes ≥ characters: strlen is free
        reason: `${sqlString(`「${label}」过长（`)} || length(${n}) || ${sqlString(` 个字符，最多 ${MAX_CELL_CHARS}）：可能是多个单元格粘在了一起`)}`,
        value: shortValue(`"g_${column.name}"`),
      },
    );
  }
  return checks;
}

const postLabel = (sql: string): string =>
  `case ${sql} ${Object.entries(vocabularies.post).map(([code, labels]) => `when ${sqlString(code)} then ${sqlString(labels[0]!)}`).join(" ")} else ${sql} end`;

/**
 * The same person in the same post (and department) at the same school twice at once is a
 * double entry, or an old appointment whose 免职时间 was never filled in: either way the later
 * row, in file order, is rejected naming the earliest valid row it overlaps, and the clerk
 * closes or deletes one. Periods that only touch (one ends the day the next starts, a renewed
 * term) do not overlap. Each later row is compared with every earlier row that passed the
 * other checks, so a row overlapping only an already rejected overlap is reported too.
 */
export function overlappingAppointmentsSql(workTable: string): string {
  const open = "date '9999-12-31'";
  const problem = `{'column': cast('start_date' as varchar), 'value': cast(work.t_start_date as varchar),
    'reason': '与第 ' || cast(overlap.first_row as varchar) || ' 行任期重叠：同一人（工号 ' || work.t_staff_id || '）在同一学校（'
      || work.t_school_id || '）同一岗位「' || ${postLabel("work.t_post")} || '」'
      || coalesce('（' || work.t_department || '）', '') || '已有 ' || cast(overlap.first_start as varchar) || ' 起的任职'
      || coalesce('（至 ' || cast(overlap.first_end as varchar) || '）', '（未填免职时间）')
      || '。请给前一条填写免职时间，或删去重复的一条'}`;
  return `update ${workTable} as work set problem = ${problem}
    from (
      select later.row_number, min(earlier.row_number) as first_row,
        arg_min(earlier.t_start_date, earlier.row_number) as first_start, arg_min(earlier.t_end_date, earlier.row_number) as first_end
      from ${workTable} as later
      inner join ${workTable} as earlier
        on earlier.t_staff_id = later.t_staff_id and earlier.t_school_id = later.t_school_id and earlier.t_post = later.t_post
        and coalesce(earlier.t_department, '') = coalesce(later.t_department, '')
        and earlier.row_number < later.row_number
        and earlier.t_start_date < coalesce(later.t_end_date, ${open})
        and later.t_start_date < coalesce(earlier.t_end_date, ${open})
      where later.problem is null and earlier.problem is null
      group by later.row_number
    ) as overlap
    where work.row_number = overlap.row_number`;
}
