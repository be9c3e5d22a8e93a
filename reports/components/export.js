// Table downloads for Excel and WPS users: UTF-8 CSV with a BOM (without it Excel reads Chinese
// as GBK and garbles it) and XLSX. Cells that a spreadsheet would run as a formula are defused.
// Both say where their numbers come from: the CSV in a title line above the header (as a clerk's
// own tables have one, and as ingest skips one), the XLSX on a second sheet, 说明.
import { WITHHELD } from "./withheld.js";
import { xlsxWorkbook } from "./xlsx.js";

/** A share shown as a percent with one decimal ("—" when there is none). Columns formatted with it download as percent cells. */
export const percent = (value) => (value === null || value === undefined ? "—" : `${(value * 100).toFixed(1)}%`);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Per column: "percent" (formatted with percent), "date" (every value a YYYY-MM-DD) or "value". */
export function columnKinds(rows, columns) {
  return columns.map((column) => {
    if (column.format === percent) return "percent";
    const values = rows.map((row) => row[column.key]).filter((value) => value !== null && value !== undefined);
    return values.length > 0 && values.every((value) => typeof value === "string" && ISO_DATE.test(value)) ? "date" : "value";
  });
}

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
      // Numbers stay numbers (a count the public build withholds is written 隐去); other columns are
      // written as the table shows them (达标 rather than true).
      const value = column.exportValue
        ? column.exportValue(raw, row)
        : column.num || column.format === percent
          ? raw === null && row.suppressed?.includes(column.key) ? WITHHELD : raw
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

/**
 * provenance: {text, audience} from the page (src/site/chrome.ts), or null. The title line is one
 * quoted cell: Excel and WPS show it in A1 and the header in row 2.
 */
export function toCsv(rows, columns, { caption, provenance } = {}) {
  const kinds = columnKinds(rows, columns);
  // A ratio is written as the table shows it, "12.5%", which Excel reads back as a percent number.
  const body = cells(rows, columns).map((line) => line.map((value, c) => (kinds[c] === "percent" && typeof value === "number" ? percent(value) : value)));
  const title = provenance ? [[titleLine(caption, provenance)]] : [];
  const lines = [...title, columns.map((c) => c.label), ...body].map((line) => line.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const titleLine = (caption, provenance) => [caption, provenance.text, provenance.audience].filter(Boolean).join(" · ");

export const toXlsx = (rows, columns, { caption, provenance } = {}) =>
  xlsxWorkbook({
    header: columns.map((c) => c.label),
    rows: cells(rows, columns),
    kinds: columnKinds(rows, columns),
    sheetName: caption ?? "Sheet1",
    notes: provenance ? provenanceNotes(caption, provenance) : [],
  });

/** The 说明 sheet: what the table is and where its numbers come from. */
export function provenanceNotes(caption, provenance) {
  return [
    ["表格", caption ?? ""],
    ["数据截至", provenance.asOf],
    ["导入时间", provenance.loadedAt ?? "—"],
    ["数据指纹", provenance.fingerprint ?? "—"],
    ["版本", provenance.audience],
    ["说明", "数据指纹是导入的原始文件的 SHA-256 摘要的前 12 位：指纹相同的报表和表格来自同一批文件。"],
  ];
}

/** The page's provenance, as the build wrote it into <head> (null outside a built page). */
export function pageProvenance(doc = globalThis.document) {
  const meta = doc?.querySelector?.('meta[name="cadreboard-provenance"]');
  if (!meta) return null;
  try {
    return JSON.parse(meta.getAttribute("content"));
  } catch {
    return null;
  }
}

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
