/**
 * Page data on the wire: a list of rows goes as columns (`{name: [v1, v2, …]}`), which arquero
 * reads directly (`aq.table(columns)`) and which is several times smaller than an array of
 * objects repeating every key. This is what keeps the 100,000-staff pages small.
 */
export type Columns = Record<string, unknown[]>;

export function toColumns(rows: readonly Record<string, unknown>[], names?: readonly string[]): Columns {
  // Every key of every row: a later row may carry a column the first lacks (e.g. `suppressed`).
  const keys = names ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const columns: Columns = {};
  for (const key of keys) columns[key] = rows.map((row) => row[key] ?? null);
  return columns;
}

export function fromColumns(columns: Columns): Record<string, unknown>[] {
  const keys = Object.keys(columns);
  const length = keys.length ? columns[keys[0]!]!.length : 0;
  return Array.from({ length }, (_, i) => Object.fromEntries(keys.map((key) => [key, columns[key]![i]])));
}
