// Browser-side filtering with arquero. Page data arrives as columns, some dictionary-encoded
// (columns.js expands them); arquero reads expanded columns ({name: [values]}) directly. Its
// package entry imports node:fs, so the UMD build is used.
import * as arqueroModule from "arquero/dist/arquero.min.js";
import { decodeColumns, rowsFromColumns } from "./columns.js";
import { WITHHELD } from "./withheld.js";

export const aq = arqueroModule.default ?? arqueroModule;

/**
 * rows matching every non-empty filter: {column: value}. An empty string or null means "all".
 * `columns` may be the wire format (columns, as src/site/frame.ts writes them) or an array of row objects.
 */
export function filterRows(columns, filters = {}) {
  const table = Array.isArray(columns) ? aq.from(columns) : aq.table(decodeColumns(columns));
  const active = Object.entries(filters).filter(([, value]) => value !== "" && value !== null && value !== undefined);
  if (active.length === 0) return table.objects();
  const wanted = Object.fromEntries(active.map(([key, value]) => [key, String(value)]));
  // aq.escape: a plain closure, not parsed as an arquero expression.
  return table.filter(aq.escape((d) => Object.entries(wanted).every(([key, value]) => String(d[key]) === value))).objects();
}

/** School ids of a level (for the level selector), as a Set; null = any level. */
export function schoolsOfLevel(schools, level) {
  return level ? new Set(schools.filter((school) => school.level === level).map((school) => school.school_id)) : null;
}

/** Keep rows whose school is in the set (null set = keep all). */
export const inSchools = (rows, ids) => (ids ? rows.filter((row) => ids.has(row.school_id)) : rows);

/** A count that may have been suppressed in the public build (null with the column in row.suppressed). */
export function count(value) {
  return value === null || value === undefined ? WITHHELD : Number(value).toLocaleString("zh-CN");
}

/**
 * Rows from the wire format (columns) or an array, with each row's school name and level added
 * from the page's school list: the data files carry a school_id only, not its name on every row.
 */
export function rowsOf(columns, schools) {
  const rows = Array.isArray(columns) ? columns : rowsFromColumns(columns);
  if (!schools) return rows;
  const byId = new Map(schools.map((school) => [school.school_id, school]));
  return rows.map((row) =>
    row.school_id === "ALL"
      ? { ...row, school_name: "全县", level: null }
      : { ...row, school_name: byId.get(row.school_id)?.school_name ?? row.school_id, level: byId.get(row.school_id)?.level ?? null },
  );
}
