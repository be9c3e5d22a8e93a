/**
 * Page data on the wire: a list of rows goes as columns (`{name: [v1, v2, …]}`), which arquero
 * reads directly (`aq.table(columns)`) and which is several times smaller than an array of
 * objects repeating every key.
 *
 * A column whose values repeat (school ids, labels, codes, small counts, the `suppressed` lists)
 * goes as a dictionary instead: each distinct value once, then a small integer per row, or per
 * run of equal rows when the rows are sorted by that column. Every page carries a breakdown for
 * each of the county's ~1,300 schools, and spelling out "3136000001" in each of 20,000 rows is
 * what made the 100,000-staff pages weigh megabytes.
 *
 * The browser expands the columns again in reports/components/columns.js, before arquero or a
 * page sees them: the two files must agree on this format.
 */
export interface DictionaryColumn {
  /** Each distinct value once, in order of first appearance. */
  dictionary: unknown[];
  /** Per row, or per run of rows when `runs` is there: the position of its value in `dictionary`. */
  codes: number[];
  /** How many consecutive rows each code stands for. */
  runs?: number[];
}

export type Column = unknown[] | DictionaryColumn;

declare const rowType: unique symbol;
/**
 * A page table on the wire: one column per field of its rows, typed by the row it encodes, so
 * that the builder in src/site/ and the test that reads the table back (rowsFromColumns in
 * reports/components/columns.js) share one row type: a column renamed in one breaks the other
 * at `npm run typecheck`.
 */
export type Columns<T extends object = Record<string, unknown>> = { [K in keyof T & string]: Column } & { readonly [rowType]?: T };

export function toColumns<T extends object, K extends keyof T & string = keyof T & string>(rows: readonly T[], names?: readonly K[]): Columns<Pick<T, K>> {
  // Every key of every row: a later row may carry a column the first lacks (e.g. `suppressed`).
  const keys = names ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const columns: Record<string, Column> = {};
  for (const key of keys) columns[key] = encodeColumn(rows.map((row) => (row as Record<string, unknown>)[key]));
  return columns as Columns<Pick<T, K>>;
}

/** The smallest form of a column in JSON: the values as they are, or dictionary-encoded, with or without runs. */
export function encodeColumn(values: readonly unknown[]): Column {
  const plain = values.map((value) => value ?? null);
  const positions = new Map<string, number>();
  const dictionary: unknown[] = [];
  // Values are JSON (numbers, strings, booleans, null, lists of column names): equal JSON, equal value.
  const codes = plain.map((value) => {
    const key = JSON.stringify(value);
    let code = positions.get(key);
    if (code === undefined) {
      code = dictionary.push(value) - 1;
      positions.set(key, code);
    }
    return code;
  });
  const runCodes: number[] = [];
  const runs: number[] = [];
  codes.forEach((code, i) => {
    if (i > 0 && code === codes[i - 1]) runs[runs.length - 1]!++;
    else {
      runCodes.push(code);
      runs.push(1);
    }
  });
  const candidates: Column[] = [plain, { dictionary, codes }, { dictionary, codes: runCodes, runs }];
  const sizes = candidates.map((candidate) => Buffer.byteLength(JSON.stringify(candidate)));
  return candidates[sizes.indexOf(Math.min(...sizes))]!;
}
