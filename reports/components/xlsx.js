// XLSX for Excel and WPS users: the table on its first sheet, named after it, with the header row
// frozen, columns as wide as their Chinese text, ratios as percent cells and dates as date cells;
// a second sheet 说明 says where the numbers come from (as-of date, import time, input fingerprint).
// fflate writes the zip (deflated: a 20,000-row list is a tenth of its stored size).
import { strToU8, zipSync } from "fflate";

const escapeXml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c])
    // Control characters other than tab/newline are not allowed in XML 1.0.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

function columnName(index) {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Cell styles, by their index in styles.xml's cellXfs below. */
const STYLE = { plain: 0, header: 1, percent: 2, date: 3 };
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Excel's day number of a YYYY-MM-DD date (day 25569 is 1970-01-01). */
export const excelDate = (text) => {
  const [, y, m, d] = ISO_DATE.exec(text);
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000 + 25_569;
};

/** How wide a text looks in a spreadsheet's column units: a Chinese character takes two. */
export function textWidth(text) {
  let width = 0;
  for (const char of String(text)) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function cell(value, ref, kind, header) {
  if (value === null || value === undefined || value === "") return "";
  if (header) return `<c r="${ref}" s="${STYLE.header}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${kind === "percent" ? ` s="${STYLE.percent}"` : ""}><v>${value}</v></c>`;
  if (kind === "date" && ISO_DATE.test(value)) return `<c r="${ref}" s="${STYLE.date}"><v>${excelDate(value)}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

/** What a cell shows, for the column width: a ratio as "12.3%", a date as written. */
const shownText = (value, kind) => (typeof value === "number" && kind === "percent" ? `${(value * 100).toFixed(1)}%` : String(value ?? ""));

function worksheet(header, rows, kinds, { freeze }) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.min(60, Math.max(6, ...all.map((row) => textWidth(shownText(row[c], kinds[c])))) + 2));
  const cols = widths.map((width, c) => `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`).join("");
  const pane = freeze ? `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>` : "";
  const sheetRows = all.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, `${columnName(c)}${r + 1}`, kinds[c], r === 0)).join("")}</row>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><cols>${cols}</cols><sheetData>${sheetRows.join("")}</sheetData></worksheet>`;
}

/** A sheet name Excel accepts: no \ / ? * [ ] :, at most 31 characters, unique in the workbook. */
export const sheetNameOf = (name) => name.replace(/[\\/?*[\]:]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 31) || "Sheet1";

/**
 * header: string[]; rows: (string|number|null)[][]; kinds: per column "percent" | "date" | other;
 * moreSheets: further tables ({ sheetName, header, rows, kinds }) after the first, as a filed
 * workbook has them; notes: [label, value][] for the 说明 sheet (none: no such sheet) → .xlsx bytes.
 */
export function xlsxWorkbook({ header, rows, kinds = [], sheetName = "Sheet1", notes = [], moreSheets = [] }) {
  const tables = [{ sheetName, header, rows, kinds }, ...moreSheets];
  const sheets = tables.map((table) => ({ name: sheetNameOf(table.sheetName), xml: worksheet(table.header, table.rows, table.kinds ?? [], { freeze: true }) }));
  if (notes.length > 0) {
    const name = sheets.some((sheet) => sheet.name === "说明") ? "数据说明" : "说明";
    sheets.push({ name, xml: worksheet(["项目", "内容"], notes, [], { freeze: false }) });
  }
  const files = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": styles,
    ...Object.fromEntries(sheets.map((sheet, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheet.xml])),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}
