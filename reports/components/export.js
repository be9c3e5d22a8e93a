// Table downloads for Excel and WPS users: UTF-8 CSV with a BOM (without it Excel reads Chinese
// as GBK and garbles it) and XLSX. Cells that a spreadsheet would run as a formula are defused.
import { xlsxWorkbook } from "./xlsx.js";

/** A text cell starting with = + - @ tab or CR is a formula to Excel ("CSV injection"): prefix '. */
export function neutralise(value) {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Display values of rows for the given columns: [{key, label, format?}] → (string|number|null)[][]. */
export function cells(rows, columns) {
  return rows.map((row) =>
    columns.map((column) => {
      const raw = row[column.key];
      // Numbers stay numbers (a suppressed public count is written "<5"); other columns are
      // written as the table shows them (达标 rather than true).
      const value = column.exportValue
        ? column.exportValue(raw, row)
        : column.num
          ? raw === null && row.suppressed?.includes(column.key) ? "<5" : raw
          : column.format && raw !== null && raw !== undefined ? column.format(raw, row) : raw;
      if (value === null || value === undefined) return null;
      if (typeof value === "boolean") return value ? "是" : "否";
      return neutralise(typeof value === "number" ? value : String(value));
    }),
  );
}

const csvField = (value) => {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv(rows, columns) {
  const lines = [columns.map((c) => c.label), ...cells(rows, columns)].map((line) => line.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export const toXlsx = (rows, columns, sheetName) =>
  xlsxWorkbook(columns.map((c) => c.label), cells(rows, columns), sheetName);

export function saveFile(data, filename, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
