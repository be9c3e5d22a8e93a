/**
 * The check that the arquero path and the SQL models give identical rows: the models' CSV (as
 * `cadreboard models` wrote it) against the arquero table, matched by key after sorting, on the
 * columns asked for (the decisions: the explanation sentences are SQL's alone), or every column
 * the SQL wrote. Text, codes, booleans, integers and NULLs must be equal exactly; a
 * fractional number may differ only in the last bits of a double (DuckDB sums in its own order),
 * and such cells are counted separately so the report says how many there were.
 */
export interface Comparison {
  rows: number;
  columns: string[];
  /** Fractional cells equal only within 1e-12 relative (summation order), not bit for bit. */
  nearCells: number;
  differences: string[];
}

const relativeTolerance = 1e-12;

/** RFC 4180 CSV as DuckDB's COPY writes it (quotes only where needed, "" inside quotes). */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") record.push(cell), (cell = "");
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(cell), records.push(record), (record = []), (cell = "");
    } else cell += char;
  }
  if (cell !== "" || record.length > 0) record.push(cell), records.push(record);
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""])));
}

/** Compares one cell; "near" when only a double's last bits differ. */
export function cellMatches(expected: string, actual: unknown): "equal" | "near" | "different" {
  if (actual === null || actual === undefined) return expected === "" ? "equal" : "different";
  if (typeof actual === "boolean") return expected === String(actual) ? "equal" : "different";
  if (typeof actual === "number") {
    if (expected === "") return "different";
    const value = Number(expected);
    if (value === actual) return "equal";
    const fractional = !Number.isInteger(value) || !Number.isInteger(actual);
    return fractional && Math.abs(value - actual) <= relativeTolerance * Math.max(Math.abs(value), Math.abs(actual)) ? "near" : "different";
  }
  return expected === String(actual) ? "equal" : "different";
}

const keyOf = (row: Record<string, unknown>, keys: readonly string[]): string => keys.map((key) => String(row[key] ?? "")).join("|");

export function compareRows(
  expected: readonly Record<string, string>[],
  actual: readonly Record<string, unknown>[],
  keys: readonly string[],
  only?: readonly string[],
  maxDifferences = 12,
): Comparison {
  const columns = only ? [...only] : expected.length > 0 ? Object.keys(expected[0]!) : [];
  const differences: string[] = [];
  let nearCells = 0;
  const note = (line: string) => {
    if (differences.length < maxDifferences) differences.push(line);
  };
  if (expected.length !== actual.length) note(`row count: SQL ${expected.length}, arquero ${actual.length}`);
  const actualByKey = new Map<string, Record<string, unknown>>();
  for (const row of actual) {
    const key = keyOf(row, keys);
    if (actualByKey.has(key)) note(`arquero has key ${key} twice`);
    actualByKey.set(key, row);
  }
  const sorted = [...expected].sort((a, b) => (keyOf(a, keys) < keyOf(b, keys) ? -1 : keyOf(a, keys) > keyOf(b, keys) ? 1 : 0));
  for (const row of sorted) {
    const key = keyOf(row, keys);
    const other = actualByKey.get(key);
    if (!other) {
      note(`row ${key}: only in SQL`);
      continue;
    }
    actualByKey.delete(key);
    for (const column of columns) {
      if (!(column in row)) {
        note(`column ${column}: missing from the SQL rows`);
        continue;
      }
      if (!(column in other)) {
        note(`column ${column}: missing from the arquero rows`);
        continue;
      }
      const verdict = cellMatches(row[column]!, other[column]);
      if (verdict === "near") nearCells++;
      else if (verdict === "different") note(`row ${key}, ${column}: SQL "${row[column]}", arquero "${String(other[column])}"`);
    }
  }
  for (const key of actualByKey.keys()) note(`row ${key}: only in arquero`);
  return { rows: expected.length, columns, nearCells, differences };
}
