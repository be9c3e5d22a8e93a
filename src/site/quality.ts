/**
 * 数据质量: rows read, loaded and rejected per file; rejects by reason; the rejected rows (bureau
 * only); exemptions loaded but capped at the policy maximum (ROT-EXEMPT).
 */
import { recordFiles } from "../contract.ts";
import { peopleRows, publicCount } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { labelOf } from "./labels.ts";
import { loadedAtSql } from "./scope.ts";

export async function qualityData(context: PageContext) {
  const files = await context.rows(
    `select file, format, encoding, rows_read::integer as rows_read, rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected
     from load_files order by file`,
  );
  // Reject reasons quote the cell (a staff ID, a birth date …), so outside the bureau rejects are
  // counted per file and column only; the bureau also gets them per reason.
  const bureau = context.audience.kind === "bureau";
  const reasons = await context.rows(
    `select file, coalesce("column", '（整行）') as "column", ${bureau ? "reason" : "null as reason"}, count(*)::integer as count
     from rejects group by all order by count desc, file, "column"`,
  );
  // A rejected row's value can be a name or an ID number, and rejects carry no school: only the bureau sees them.
  const rows =
    bureau
      ? await context.rows(`select file, row_number::integer as row_number, "column", value, reason from rejects order by file, row_number, "column"`)
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
    loadedAt: load?.loaded_at ?? null, files: files.map((row) => ({ ...row, label: label(row.file) })), reasons, rows,
    cappedCount: publicCount(context.audience, (cappedRows ?? capped).length),
    capped: cappedRows && cappedRows.map((row) => ({ ...row, reason: labelOf("exemption_reason", row.reason) })),
  };
}
