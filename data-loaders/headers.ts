/**
 * Header row → contract columns. Pure: the ingest tests call these directly. A header cell
 * matches a column's English name (any case) or one of its Chinese aliases, after NFKC (full-width
 * letters, digits and spaces become plain ones) and trimming.
 */
import type { ColumnSpec, FileSpec } from "../src/contract.ts";
import { InputError } from "../src/errors.ts";
import { columnLabel } from "./sql-text.ts";

/** What the header finder needs of a file's description: its columns. A record file's FileSpec is
 * one; so is the bureau's rotation plan, which is read beside the warehouse, not loaded into it. */
export type HeaderSpec = Pick<FileSpec, "columns">;

export const normaliseHeader = (cell: string): string =>
  cell.normalize("NFKC").replace(/^\uFEFF/, "").trim().toLowerCase();

export interface HeaderMapping {
  /** Contract column name → 0-based position in the row. */
  columns: Map<string, number>;
  /** Header cells the contract does not know, kept aside with the header as written. */
  extras: { index: number; header: string }[];
  /** Required contract columns the header lacks. */
  missing: ColumnSpec[];
}

function aliasIndex(spec: HeaderSpec): Map<string, ColumnSpec> {
  const index = new Map<string, ColumnSpec>();
  for (const column of spec.columns) {
    for (const name of [column.name, ...column.aliases]) index.set(normaliseHeader(name), column);
  }
  return index;
}

/** Maps one header row; throws when two cells name the same column (which one would be meant?). */
export function mapHeader(spec: HeaderSpec, cells: readonly (string | null | undefined)[], fileName: string, headerRow = 1): HeaderMapping {
  const known = aliasIndex(spec);
  const columns = new Map<string, number>();
  const extras: HeaderMapping["extras"] = [];
  cells.forEach((cell, index) => {
    const text = (cell ?? "").normalize("NFKC").replace(/^\uFEFF/, "").trim();
    const column = known.get(text.toLowerCase());
    if (!column) {
      extras.push({ index, header: text === "" ? `第${index + 1}列` : text });
      return;
    }
    const earlier = columns.get(column.name);
    if (earlier !== undefined) {
      throw new InputError(
        `${fileName} 第 ${headerRow} 行表头有两列都表示「${columnLabel(column)}」(${column.name})：第 ${earlier + 1} 列和第 ${index + 1} 列。` +
          `请删除或改名其中一列后重新导入 (file ${fileName}, row ${headerRow}, column ${column.name}: duplicate header)`,
        { file: fileName, row: headerRow, column: column.name },
      );
    }
    columns.set(column.name, index);
  });
  const missing = spec.columns.filter((column) => column.requiredColumn && !columns.has(column.name));
  return { columns, extras, missing };
}

/** How many contract columns a row names: used to find the header below a title row. */
const knownCount = (spec: HeaderSpec, cells: readonly (string | null | undefined)[]): number => {
  const known = aliasIndex(spec);
  return new Set(cells.map((cell) => known.get(normaliseHeader(cell ?? ""))?.name).filter(Boolean)).size;
};

/**
 * Exports from HR systems often put a title (「XX县教职工花名册」) above the header. The header is
 * the first of the leading rows that names every required column, else the one naming the most
 * columns (its missing columns are then reported). Returns a 0-based index into `rows`.
 */
export function findHeaderRow(spec: HeaderSpec, rows: readonly (readonly (string | null | undefined)[])[]): number {
  let best = 0;
  let bestCount = -1;
  rows.forEach((cells, index) => {
    const count = knownCount(spec, cells);
    if (count > bestCount) [best, bestCount] = [index, count];
  });
  const complete = rows.findIndex((cells) => {
    const known = aliasIndex(spec);
    const names = new Set(cells.map((cell) => known.get(normaliseHeader(cell ?? ""))?.name));
    return spec.columns.every((column) => !column.requiredColumn || names.has(column.name));
  });
  return complete >= 0 ? complete : best;
}

/** Throws the load-stopping error for a header without a required column. */
export function assertComplete(mapping: HeaderMapping, fileName: string, headerRow: number): void {
  const [first, ...rest] = mapping.missing;
  if (!first) return;
  const names = mapping.missing.map((column) => `「${columnLabel(column)}」(${column.name})`).join("、");
  throw new InputError(
    `${fileName} 缺少必需的列 ${names}：第 ${headerRow} 行表头里找不到${rest.length > 0 ? "这些列" : "这一列"}。` +
      `请在表头加上这一列（中文名或英文名均可）后重新导入 (file ${fileName}, row ${headerRow}, column ${first.name}: required column missing)`,
    { file: fileName, row: headerRow, column: first.name },
  );
}

/** How many leading rows to scan for the header. */
export const HEADER_SEARCH_ROWS = 10;

type Cells = readonly (string | null | undefined)[];

const namesAll = (spec: HeaderSpec, cells: Cells): boolean => {
  const known = aliasIndex(spec);
  const names = new Set(cells.map((cell) => known.get(normaliseHeader(cell ?? ""))?.name));
  return spec.columns.every((column) => !column.requiredColumn || names.has(column.name));
};

/**
 * Two header rows read as one, as WPS and Excel exports with merged header cells look: a group
 * title over several columns (「基本信息」 merged across C1:E1) sits above the real names, and a
 * cell merged down two rows (「工号」 in A1:A2) has its text only in the upper row. So a column
 * takes the lower cell when it names a contract column, else the upper one, else the two joined
 * (「考核」 over 「年度」 = 考核年度), else whichever text there is (an extra column).
 */
export function combineHeaderRows(spec: HeaderSpec, upper: Cells, lower: Cells): string[] {
  const known = aliasIndex(spec);
  const names = (text: string) => known.has(normaliseHeader(text));
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, i) => {
    const top = (upper[i] ?? "").trim();
    const bottom = (lower[i] ?? "").trim();
    for (const candidate of [bottom, top, top + bottom]) if (candidate !== "" && names(candidate)) return candidate;
    return bottom !== "" ? bottom : top;
  });
}

export interface FoundHeader {
  /** 0-based index of the first header row. */
  index: number;
  /** 1, or 2 for a two-row (merged) header. */
  span: 1 | 2;
  cells: string[];
}

/** The header: one complete row, else two rows that together are complete, else the best single row. */
export function findHeader(spec: HeaderSpec, rows: readonly Cells[]): FoundHeader {
  const single = (index: number): FoundHeader => ({ index, span: 1, cells: rows[index]!.map((cell) => cell ?? "") });
  const complete = rows.findIndex((cells) => namesAll(spec, cells));
  if (complete >= 0) return single(complete);
  for (let index = 0; index + 1 < rows.length; index++) {
    const cells = combineHeaderRows(spec, rows[index]!, rows[index + 1]!);
    if (namesAll(spec, cells)) return { index, span: 2, cells };
  }
  return single(findHeaderRow(spec, rows));
}

export interface ResolvedHeader {
  /** 0-based index (into the leading rows) of the last header row: data starts below it. */
  lastIndex: number;
  /** Spreadsheet row of the (first) header row. */
  headerRow: number;
  mapping: HeaderMapping;
  width: number;
  /** Non-empty rows above the header: titles, export dates. Reported, never loaded. */
  titleRows: { row: number; text: string }[];
}

/** Finds the header among the leading rows, maps it, and stops the load if a required column is missing. */
export function resolveHeader(spec: HeaderSpec, leadingRows: readonly Cells[], fileName: string, sheetRowOf: (index: number) => number): ResolvedHeader {
  if (leadingRows.every((cells) => cells.every((cell) => (cell ?? "").trim() === ""))) {
    throw new InputError(
      `${fileName} 是空的：没有表头行。请导出包含表头和数据的文件后重新导入 (file ${fileName}, row 1: empty file)`,
      { file: fileName, row: 1 },
    );
  }
  const found = findHeader(spec, leadingRows);
  const headerRow = sheetRowOf(found.index);
  const mapping = mapHeader(spec, found.cells, fileName, headerRow);
  if (mapping.missing.length > 0 && found.cells.filter((cell) => cell.trim() !== "").length === 1) {
    // One wide cell such as 「工号|姓名|性别」: the columns are there, split by a character we do not know.
    throw new InputError(
      `${fileName} 第 ${headerRow} 行表头只有一列「${found.cells.find((cell) => cell.trim() !== "")!.slice(0, 60)}」：列之间的分隔符不是逗号、制表符、分号或竖线。` +
        `请用 Excel 或 WPS 打开后另存为「CSV（逗号分隔）」再导入 (file ${fileName}, row ${headerRow}: unknown delimiter)`,
      { file: fileName, row: headerRow },
    );
  }
  assertComplete(mapping, fileName, headerRow);
  const titleRows = leadingRows
    .slice(0, found.index)
    .map((cells, index) => ({ row: sheetRowOf(index), text: cells.map((cell) => (cell ?? "").trim()).filter(Boolean).join(" ") }))
    .filter((title) => title.text !== "");
  return { lastIndex: found.index + found.span - 1, headerRow, mapping, width: found.cells.length, titleRows };
}
