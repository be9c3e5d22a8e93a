/**
 * Header row → contract columns. Pure: the ingest tests call these directly. A header cell
 * matches a column's English name (any case) or one of its Chinese aliases, after NFKC (full-width
 * letters, digits and spaces become plain ones) and trimming.
 */
import type { ColumnSpec, FileSpec } from "../src/contract.ts";
import { InputError } from "../src/errors.ts";
import { columnLabel } from "./sql-text.ts";

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

function aliasIndex(spec: FileSpec): Map<string, ColumnSpec> {
  const index = new Map<string, ColumnSpec>();
  for (const column of spec.columns) {
    for (const name of [column.name, ...column.aliases]) index.set(normaliseHeader(name), column);
  }
  return index;
}

/** Maps one header row; throws when two cells name the same column (which one would be meant?). */
export function mapHeader(spec: FileSpec, cells: readonly (string | null | undefined)[], fileName: string, headerRow = 1): HeaderMapping {
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
const knownCount = (spec: FileSpec, cells: readonly (string | null | undefined)[]): number => {
  const known = aliasIndex(spec);
  return new Set(cells.map((cell) => known.get(normaliseHeader(cell ?? ""))?.name).filter(Boolean)).size;
};

/**
 * Exports from HR systems often put a title (「XX县教职工花名册」) above the header. The header is
 * the first of the leading rows that names every required column, else the one naming the most
 * columns (its missing columns are then reported). Returns a 0-based index into `rows`.
 */
export function findHeaderRow(spec: FileSpec, rows: readonly (readonly (string | null | undefined)[])[]): number {
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

/** Finds the header among the leading rows, maps it, and stops the load if a required column is missing. */
export function resolveHeader(
  spec: FileSpec,
  leadingRows: readonly (readonly (string | null | undefined)[])[],
  fileName: string,
  sheetRowOf: (index: number) => number,
): { index: number; headerRow: number; mapping: HeaderMapping } {
  if (leadingRows.length === 0) {
    throw new InputError(
      `${fileName} 是空的：没有表头行。请导出包含表头和数据的文件后重新导入 (file ${fileName}, row 1: empty file)`,
      { file: fileName, row: 1 },
    );
  }
  const index = findHeaderRow(spec, leadingRows);
  const headerRow = sheetRowOf(index);
  const mapping = mapHeader(spec, leadingRows[index]!, fileName, headerRow);
  assertComplete(mapping, fileName, headerRow);
  return { index, headerRow, mapping };
}
