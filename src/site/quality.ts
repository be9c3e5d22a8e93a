/**
 * 数据质量: rows read, loaded and rejected per file, and (v2) optional cells emptied in loaded rows;
 * rejects by file, column, action and reason; the rejected rows and emptied cells (bureau only); exemptions loaded but capped at the policy maximum (ROT-EXEMPT); appraisals whose score
 * breaks the 1000-point scheme (PAY-SCORE): loaded, to be corrected.
 */
import { recordFiles } from "../contract.ts";
import { COUNTY, peopleRows, publicCount, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { labelOf } from "./labels.ts";
import { countPerSchool, loadedAtSql, personList, withNames, type PersonRow } from "./scope.ts";
import type { Suppressed, TableShape } from "./suppression.ts";

/** What became of the row of a reject (the contract's rejects.action, v2). */
export const actionLabels: Record<string, string> = { row: "行未导入", cell: "单元格已置空" };
const withAction = <T extends { action: string }>(row: T): T => ({ ...row, action: actionLabels[row.action] ?? row.action });

/** A record file as read: rows read = loaded + rejected; cells_emptied counts the optional cells emptied in loaded rows (v2). */
export type FileRow = { file: string; format: string; encoding: string | null; rows_read: number; rows_loaded: number; rows_rejected: number; cells_emptied: number; label: string };
/** Rejects per file × column × action (and reason, for the bureau only). */
export type RejectReasonRow = { file: string; column: string; action: string; reason: string | null; count: number };
export type RejectRow = { file: string; row_number: number; column: string | null; value: string | null; reason: string; action: string };
export type CappedRow = { staff_id: string; school_id: string | null; reason: string | null; start_date: string; end_date: string; valid_until: string; explanation: string };
/** Appraisal scores breaking PAY-SCORE per school (and ALL) × column (its label) × problem (its label). */
export type ScoreCountRow = { school_id: string; column: string; problem: string; count: number | null };
type ScoreCheck = { staff_id: string; school_id: string | null; year: number; column: string; value: number; maximum: number; problem: string; explanation: string };

/** 数据质量's page data: what src/site/quality.ts writes and reports/quality.md reads. */
export interface QualityData {
  loadedAt: string | null;
  files: FileRow[];
  reasons: RejectReasonRow[];
  rows: RejectRow[] | null;
  cappedCount: number | null;
  capped: CappedRow[] | null;
  scoreCounts: Columns<Suppressed<ScoreCountRow>>;
  scoreRows: Columns<PersonRow & Omit<ScoreCheck, "staff_id" | "school_id">> | null;
}

/** The score checks as a published table: the county's rows are the sums of the schools' (and of the checks with no school). */
export const scoreShape: TableShape = { keys: [{ column: "school_id", total: COUNTY }, { column: "column" }, { column: "problem" }], counts: ["count"] };

export async function qualityData(context: PageContext): Promise<QualityData> {
  // rows_rejected counts rows (read = loaded + rejected); cells_emptied counts the optional cells
  // emptied in loaded rows (v2), from the rejects with action cell.
  const files = await context.rows<Omit<FileRow, "label">>(
    `select file, format, encoding, rows_read::integer as rows_read, rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected,
            (select count(*) from rejects where rejects.file = load_files.file and rejects.action = 'cell')::integer as cells_emptied
     from load_files order by file`,
  );
  // Reject reasons quote the cell (a staff ID, a birth date …), so outside the bureau rejects are
  // counted per file, column and action only; the bureau also gets them per reason.
  const bureau = context.audience.kind === "bureau";
  const reasons = (
    await context.rows<RejectReasonRow>(
      `select file, coalesce("column", '（整行）') as "column", action, ${bureau ? "reason" : "null as reason"}, count(*)::integer as count
       from rejects group by all order by count desc, file, "column", action`,
    )
  ).map(withAction);
  // A rejected row's value can be a name or an ID number, and rejects carry no school: only the bureau sees them.
  const rows =
    bureau
      ? (
          await context.rows<RejectRow>(
            `select file, row_number::integer as row_number, "column", value, reason, action from rejects order by file, row_number, "column"`,
          )
        ).map(withAction)
      : null;
  const [load] = await context.rows<{ loaded_at: string | null }>(loadedAtSql);
  const label = (file: unknown) => recordFiles.find((spec) => spec.name === String(file).replace(/\.(csv|xlsx)$/i, ""))?.label ?? String(file);
  // An over-long signature-course or project exemption is loaded and capped, not rejected: listed
  // with what it was capped to (a staff ID is personal: the public build gets the count).
  const capped = await context.rows<CappedRow>(
    `select staff_id, school_id, reason, start_date::varchar as start_date, end_date::varchar as end_date,
            valid_until::varchar as valid_until, explanation
     from rotation_exemptions where capped order by staff_id, start_date`,
  );
  const cappedRows = peopleRows(context.audience, capped);
  return {
    loadedAt: load?.loaded_at ?? null, files: files.map((row) => ({ ...row, label: label(row.file) })), reasons, rows,
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
    await context.rows<ScoreCheck>(
      `select staff_id, school_id, year::integer as year, "column", "value", maximum, problem, explanation
       from appraisal_score_checks order by school_id, staff_id, year, "column", problem`,
    )
  ).map((row) => ({ ...row, column: labelOfColumn(row.column), problem: scoreProblems[row.problem] ?? row.problem }));
  // An appraisal with no post on 31 December has no school: counted for the county only. Its
  // row is protected with the others (the county's row is their sum) and then left out.
  const counts = countPerSchool(audience, checks, (row) => ({ column: row.column, problem: row.problem })) as ScoreCountRow[];
  const people = await withNames(context, peopleRows(audience, checks));
  return {
    scoreCounts: toColumns(suppressSmallCells(audience, counts, scoreShape).filter((row) => row.school_id !== "null")),
    scoreRows: personList(people, ({ staff_id: _id, name: _name, school_id: _school, ...row }) => row),
  };
}

const labelOfColumn = (column: unknown): string =>
  recordFiles.find((spec) => spec.name === "appraisals")?.columns.find((spec) => spec.name === column)?.aliases[0] ?? String(column);
