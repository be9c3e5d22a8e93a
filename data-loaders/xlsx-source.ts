/**
 * Rows of an XLSX workbook's first worksheet as text cells, streamed with exceljs so a large
 * workbook never sits in memory whole. Row numbers are the sheet's own (empty rows are skipped by
 * the sheet, not renumbered), which is what a clerk sees in Excel or WPS.
 */
import ExcelJS from "exceljs";

export interface SheetRow {
  rowNumber: number;
  /** 0-based: cells[0] is column A. Null for an empty cell. */
  cells: (string | null)[];
}

/** ISO date of an exceljs Date: exceljs builds dates in UTC from the serial day number. */
const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** One cell value as the text a CSV export would hold. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoDate(value);
  if (typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) return object.richText.map((run: { text?: string }) => run.text ?? "").join("");
    // Formula cells: the cached result Excel computed when the file was saved.
    if ("formula" in object || "sharedFormula" in object || "result" in object) return cellText(object.result);
    if (typeof object.text === "string") return object.text; // hyperlink
    if (typeof object.error === "string") return object.error; // #N/A, #VALUE! …: rejected as a value
  }
  return String(value);
}

export async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  // styles: "cache" is what lets exceljs recognise date-formatted numbers and return Dates.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const values = row.values as unknown[]; // 1-based, sparse
      const cells: (string | null)[] = [];
      for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]));
      yield { rowNumber: row.number, cells };
    }
    return; // the first worksheet only
  }
}
