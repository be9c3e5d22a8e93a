/** 数据质量: rows read, loaded and rejected per file; rejects by reason; the rejected rows (bureau only). */
import { recordFiles } from "../contract.ts";
import type { PageContext } from "./context.ts";
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
  return { loadedAt: load?.loaded_at ?? null, files: files.map((row) => ({ ...row, label: label(row.file) })), reasons, rows };
}
