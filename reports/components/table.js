// An accessible data table (caption, column headers with scope) with CSV and XLSX downloads.
// Every value goes in through textContent, never innerHTML: a name like "<script>" stays text.
import { pageProvenance, percent, saveFile, toCsv, toXlsx } from "./export.js";

export { percent };

/**
 * rows: array of objects. options:
 *   caption   what the table shows (also the download's file name)
 *   columns   [{key, label, format?(value,row) → string, num?: bool}]
 *   flag      row → bool: rows to highlight (bold with a left rule and ⚠, not colour alone)
 *   limit     rows shown on screen (all rows are downloaded); default 500
 *   empty     text when there are no rows
 */
export function dataTable(rows, { caption, columns, flag, limit = 500, empty = "没有符合条件的记录。" }) {
  const block = document.createElement("div");
  block.className = "table-block";
  const tools = document.createElement("div");
  tools.className = "table-tools";
  const count = document.createElement("span");
  count.textContent = rows.length > limit ? `共 ${rows.length} 行，显示前 ${limit} 行（下载包含全部）` : `共 ${rows.length} 行`;
  // Printed, the count says only what the sheet leaves out.
  count.className = rows.length > limit ? "row-count truncated" : "row-count";
  const about = () => ({ caption, provenance: pageProvenance() });
  tools.append(count, button("下载 CSV", () => saveFile(toCsv(rows, columns, about()), `${fileName(caption)}.csv`, "text/csv;charset=utf-8")));
  tools.append(
    button("下载 Excel", () =>
      saveFile(toXlsx(rows, columns, about()), `${fileName(caption)}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ),
  );
  const scroll = document.createElement("div");
  scroll.className = "table-scroll";
  // A scrolling box must be reachable by keyboard, and named, to be scrolled without a mouse.
  scroll.tabIndex = 0;
  scroll.setAttribute("role", "region");
  scroll.setAttribute("aria-label", caption);
  const table = document.createElement("table");
  table.className = "data";
  const captionElement = table.createCaption();
  captionElement.textContent = caption;
  const headRow = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    if (column.num) th.className = "num";
    headRow.append(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, limit)) {
    const tr = body.insertRow();
    const flagged = flag ? flag(row) : false;
    if (flagged) tr.className = "flag";
    columns.forEach((column, index) => {
      const td = tr.insertCell();
      const value = row[column.key];
      const text = column.format ? column.format(value, row) : plain(value);
      td.textContent = index === 0 && flagged ? `⚠ ${text}` : text;
      if (column.num) td.className = "num";
    });
  }
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = columns.length;
    td.textContent = empty;
  }
  scroll.append(table);
  block.append(tools, scroll);
  return block;
}

export function plain(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("zh-CN") : value.toLocaleString("zh-CN", { maximumFractionDigits: 2 });
  return String(value);
}

function button(label, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

const fileName = (caption) => caption.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 60) || "table";
