/**
 * 数据质量: rows read, loaded and rejected per file, and (v2) optional cells emptied in loaded rows;
 * rejects by file, column, action and reason; the rejected rows and emptied cells (bureau only); exemptions loaded but capped at the policy maximum (ROT-EXEMPT); appraisals whose score
 * breaks the 1000-point scheme (PAY-SCORE): loaded, to be corrected.
 */
import { recordFiles } from "../contract.ts";
import { peopleRows, publicCount, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { labelOf } from "./labels.ts";
import { countPerSchool, loadedAtSql, personList, withNames } from "./scope.ts";

/** What became of the row of a reject (the contract's rejects.action, v2). */
export const actionLabels: Record<string, string> = { row: "行未导入", cell: "单元格已置空" };
const withAction = (row: Record<string, unknown>): Record<string, unknown> => ({ ...row, action: actionLabels[String(row.action)] ?? row.action });

export async function qualityData(context: PageContext) {
  // rows_rejected counts rows (read = loaded + rejected); cells_emptied counts the optional cells
  // emptied in loaded rows (v2), from the rejects with action cell.
  const files = await context.rows(
    `select file, format, encoding, rows_read::integer as rows_read, rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected,
            (select count(*) from rejects where rejects.file = load_files.file and rejects.action = 'cell')::integer as cells_emptied
     from load_files order by file`,
  );
  // Reject reasons quote the cell (a staff ID, a birth date …), so outside the bureau rejects are
  // counted per file, column and action only; the bureau also gets them per reason.
  const bureau = context.audience.kind === "bureau";
  const reasons = (
    await context.rows(
      `select file, coalesce("column", '（整行）') as "column", action, ${bureau ? "reason" : "null as reason"}, count(*)::integer as count
       from rejects group by all order by count desc, file, "column", action`,
    )
  ).map(withAction);
  // A rejected row's value can be a name or an ID number, and rejects carry no school: only the bureau sees them.
  const rows =
    bureau
      ? (
          await context.rows(
            `select file, row_number::integer as row_number, "column", value, reason, action from rejects order by file, row_number, "column"`,
          )
        ).map(withAction)
      : null;
  const [load] = await context.rows(loadedAtSql);
  const label = (file: unknown) => recordFiles.find((spec) => spec.name === String(file).replace(/\.(csv|xlsx)$/i, ""))?.label ?? String(file);
  // An over-long signature-course or project exemption is loaded and capped, not rejected: listed
  // with what it was capped to (a staff ID is personal: the public build gets the count).
  const capped = await context.rows(
    `select staff_id, school_id, reason, start_date::varchar as start_date, end_date::varchar as end_date,
            valid_until::varchar as valid_until, explanation
     from rotation_exemptions where capped order by staff_id, start_date`,
  );
  const cappedRows = peopleRows(context.audience, capped);
  return {
    loadedAt: load?.loaded_at ?? null, files: files.map((row): Record<string, unknown> => ({ ...row, label: label(row.file) })), reasons, rows,
    cappedCount: publicCount(context.audience, (cappedRows ?? capped).length),
    capped: cappedRows && cappedRows.map((row) => ({ ...row, reason: labelOf("exemption_reason", row.reason) })),
    ...(await scoreData(context)),
  };
}

const scoreProblems: Record<string, string> = { above_maximum: "超过满分", parts_do_not_sum: "四项之和与总分不符" };

/** Appraisal scores against the policy's maxima (PAY-SCORE): counts for all, the rows for bureau and school builds. */
async function scoreData(context: PageContext) {
  const { audience } = context;
  const checks = (
    await context.rows(
      `select staff_id, school_id, year::integer as year, "column", "value", maximum, problem, explanation
       from appraisal_score_checks order by school_id, staff_id, year, "column"`,
    )
  ).map((row): Record<string, unknown> => ({ ...row, column: labelOfColumn(row.column), problem: scoreProblems[String(row.problem)] ?? row.problem }));
  // an appraisal with no post on 31 December has no school: counted for the county only
  const counts = countPerSchool(audience, checks, (row) => ({ column: row.column, problem: row.problem })).filter((row) => row.school_id !== "null");
  const people = await withNames(context, peopleRows(audience, checks));
  return {
    scoreCounts: toColumns(suppressSmallCells(audience, counts, { counts: ["count"] })),
    scoreRows: personList(people, ({ staff_id: _id, name: _name, school_id: _school, ...row }) => row),
  };
}

const labelOfColumn = (column: unknown): string =>
  recordFiles.find((spec) => spec.name === "appraisals")?.columns.find((spec) => spec.name === column)?.aliases[0] ?? String(column);
