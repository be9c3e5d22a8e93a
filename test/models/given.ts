/**
 * Given-rows helper for model tests (dbt-style unit tests): an in-memory DuckDB with the raw
 * tables, the rows a test gives, every model built on top, then plain queries on the marts.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { defaultPolicyPath, loadPolicy, parsePolicy, type Policy } from "../../src/policy/load.ts";
import { buildModelsInto } from "../../src/models/build.ts";
import { modelsReadBy } from "../../src/models/models.ts";
import { warehouseDdl } from "../../src/warehouse/schema.ts";
import { openDatabase, queryJson, valuesPlaceholders, type Database } from "../../src/warehouse/duckdb.ts";

export type Row = Record<string, string | number | boolean | null>;
export interface Given {
  schools?: Row[];
  staff?: Row[];
  appointments?: Row[];
  appraisals?: Row[];
  rotations?: Row[];
  exemptions?: Row[];
  establishments?: Row[];
  rejects?: Row[];
  load_files?: Row[];
  load_info?: Row[];
}

/** Two schools most tests need: a strong urban one and a weak rural one. */
export const twoSchools: Row[] = [
  { school_id: "S1", name: "城区实验小学", level: "primary", location: "urban", tier: "strong" },
  { school_id: "S2", name: "乡村中心小学", level: "primary", location: "rural", tier: "weak" },
];

/** A tenured teacher with everything a model reads; override what the case is about. */
export const person = (staff_id: string, extra: Row = {}): Row => ({
  staff_id, name: `教师${staff_id}`, gender: "M", birth_date: "1980-01-01", education: "bachelor",
  work_start: "2002-09-01", employment: "tenured", ...extra,
});

export const post = (staff_id: string, school_id: string, start_date: string, extra: Row = {}): Row => ({
  staff_id, school_id, post: "teacher", start_date, ...extra,
});

/** The default policy file as a document, with `edit` applied to its rules (pass as `policy`). */
export function policyWith(edit: (rules: Record<string, Record<string, unknown>>) => void): unknown {
  const document = parse(readFileSync(defaultPolicyPath, "utf8")) as { rules: Record<string, Record<string, unknown>> };
  edit(document.rules);
  return document;
}

/**
 * `given` with the bookkeeping an ingest of it from CSV files writes: per record file, rows read =
 * loaded (the given rows) + rejected (the given rejects naming that file, but for an optional cell
 * emptied in a loaded row: action cell, v2), and the load's record.
 */
export function ingested(given: Given, load: { loadedAt: string; fingerprint: string }): Given {
  const files: Record<string, Row[] | undefined> = {
    schools: given.schools ?? twoSchools, staff: given.staff, appointments: given.appointments,
    appraisals: given.appraisals, rotations: given.rotations, exemptions: given.exemptions,
  };
  const load_files = Object.entries(files).map(([name, rows]) => {
    const file = `${name}.csv`;
    const loaded = rows?.length ?? 0;
    const rejected = (given.rejects ?? []).filter((reject) => reject.file === file && reject.action !== "cell").length;
    return { file, source_path: file, format: "csv", encoding: "utf-8", header_row: 1, rows_read: loaded + rejected, rows_loaded: loaded, rows_rejected: rejected };
  });
  const load_info = [{ loaded_at: load.loadedAt, data_dir: "/data", cadreboard_version: "test", input_fingerprint: load.fingerprint }];
  return { ...given, load_files, load_info };
}

/** Names beside the marts, as the site build copies them from the warehouse (src/site/marts.ts): for page-data tests. */
export async function copyStaffNames(db: Database): Promise<void> {
  await db.connection.run("create table staff_names as select staff_id, name from raw_staff");
}

let defaultPolicy: Policy | undefined;

export interface BuildOptions {
  policy?: unknown;
  horizonMonths?: number;
  outlookYears?: number;
  /** Only these models and what they read (modelsReadBy); every model when absent. */
  only?: ReadonlySet<string>;
}

export async function build(given: Given, asOf: string, options: BuildOptions = {}): Promise<Database> {
  const policy = options.policy === undefined ? (defaultPolicy ??= await loadPolicy()) : parsePolicy(options.policy);
  // one thread: on a few given rows DuckDB spends more starting its threads than they save, and
  // vitest already runs a test file on every core
  const db = await openDatabase(":memory:", { threads: 1 });
  try {
    for (const statement of warehouseDdl()) await db.connection.run(statement);
    const tables: Record<string, Row[] | undefined> = {
      raw_schools: given.schools ?? twoSchools, raw_staff: given.staff, raw_appointments: given.appointments,
      raw_appraisals: given.appraisals, raw_rotations: given.rotations, raw_exemptions: given.exemptions, raw_establishments: given.establishments,
      raw_rejects: given.rejects, load_files: given.load_files, load_info: given.load_info,
    };
    for (const [table, rows] of Object.entries(tables)) await insert(db, table, rows ?? []);
    await buildModelsInto(db, policy, {
      asOf, horizonMonths: options.horizonMonths ?? 36, outlookYears: options.outlookYears ?? 5, ...(options.only ? { only: options.only } : {}),
    });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * One insert per run of rows that name the same columns (usually the whole table): a statement
 * per row cost more than many a model. A column a row leaves out keeps its default, as before.
 */
async function insert(db: Database, table: string, rows: readonly Row[]): Promise<void> {
  const numbered = rows.map((row, index) => (table.startsWith("raw_") && table !== "raw_rejects" ? { row_number: index + 2, ...row } : row));
  for (let start = 0; start < numbered.length;) {
    const columns = Object.keys(numbered[start]!);
    const signature = columns.join("\u0000");
    let end = start + 1;
    while (end < numbered.length && Object.keys(numbered[end]!).join("\u0000") === signature) end++;
    const batch = numbered.slice(start, end);
    await db.connection.run(
      `insert into ${table} (${columns.map((c) => `"${c}"`).join(", ")}) values ${valuesPlaceholders(batch.length, columns.length)}`,
      batch.flatMap((row) => columns.map((column) => row[column] ?? null)) as never,
    );
    start = end;
  }
}

/** Columns that hold a staff or school ID, in the given rows and in the marts: those a case's tag goes on. */
const isIdColumn = (column: string): boolean => column.endsWith("staff_id") || column.endsWith("school_id");
const caseTag = /~(\d+)$/;

/**
 * A table of cases built in one database: a model test's build cost more than many a case, and
 * a table whose cases each give their own people needs one build, not one each. Case i's staff
 * and school IDs read `<id>~i` there (each case gets its own copy of its schools), so no two
 * cases share a person or a school; the query's rows go back to the case whose IDs they hold,
 * with the IDs as the case gave them. Only for rules judged per person or per school: county
 * rows (school_id ALL) belong to no case and are left out, and a row holding two cases' IDs
 * fails the test. The query must select an ID, and a table in which no case has a row fails: a
 * case's missing row means something only beside cases that have theirs. Call the returned
 * function with a case, as given in `cases`.
 */
export function casesBuiltTogether(
  cases: readonly Given[], asOf: string, sql: string, options: Omit<BuildOptions, "only"> = {},
): (given: Given) => Promise<Record<string, unknown>[]> {
  const keys = cases.map((given) => JSON.stringify(given));
  let split: Promise<Record<string, unknown>[][]> | undefined;
  return async (given) => {
    const index = keys.indexOf(JSON.stringify(given));
    if (index < 0) throw new Error("casesBuiltTogether: a case that is not in the table it was given");
    split ??= query(merged(cases), asOf, sql, options).then((found) => byCase(found, cases.length));
    return (await split)[index]!;
  };
}

function merged(cases: readonly Given[]): Given {
  const tables = ["schools", "staff", "appointments", "appraisals", "rotations", "exemptions", "establishments"] as const;
  const together: Given = {};
  for (const table of tables) {
    together[table] = cases.flatMap((given, index) =>
      (given[table] ?? (table === "schools" ? twoSchools : [])).map((row) =>
        Object.fromEntries(Object.entries(row).map(([column, value]) => [column, isIdColumn(column) && typeof value === "string" ? `${value}~${index}` : value]))));
  }
  for (const given of cases) {
    if (given.rejects || given.load_files || given.load_info) throw new Error("casesBuiltTogether: rejects and load records are the county's, not a case's");
  }
  return together;
}

function byCase(found: readonly Record<string, unknown>[], count: number): Record<string, unknown>[][] {
  const split: Record<string, unknown>[][] = Array.from({ length: count }, () => []);
  for (const row of found) {
    if (!Object.keys(row).some(isIdColumn)) throw new Error("casesBuiltTogether: the query must select a staff or school ID, by which its rows go back to their cases");
    const cases = new Set<number>();
    const untagged = Object.fromEntries(Object.entries(row).map(([column, value]) => {
      const tag = isIdColumn(column) && typeof value === "string" ? caseTag.exec(value) : null;
      if (!tag) return [column, value];
      cases.add(Number(tag[1]));
      return [column, tag.input.slice(0, tag.index)];
    }));
    if (cases.size > 1) throw new Error(`casesBuiltTogether: a row holds the IDs of cases ${[...cases].join(" and ")}: ${JSON.stringify(row)}`);
    const [index] = cases;
    if (index !== undefined) split[index]!.push(untagged);
  }
  // a case's missing row means something only when the build gave the others theirs
  if (split.every((rows) => rows.length === 0)) throw new Error("casesBuiltTogether: no case has a row; build cases expecting none beside some that have one");
  return split;
}

export async function rows(db: Database, sql: string): Promise<Record<string, unknown>[]> {
  return queryJson(db.connection, sql);
}

/**
 * Builds the models the query reads (and theirs, with their data tests), runs it, closes: the
 * query's tables are built exactly as in a full build, and a test does not pay for the others.
 */
export async function query(given: Given, asOf: string, sql: string, options: Omit<BuildOptions, "only"> = {}): Promise<Record<string, unknown>[]> {
  const db = await build(given, asOf, { ...options, only: modelsReadBy(sql) });
  try {
    return await rows(db, sql);
  } finally {
    db.close();
  }
}
