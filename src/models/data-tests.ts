/**
 * Data tests declared beside each model (dbt-style): `sql/<layer>/<model>.tests.yaml` with
 * generic tests (unique, not_null, accepted_values) and `sql/<layer>/<model>.<name>.test.sql`
 * singular tests, queries that return the offending rows. Any row back fails the build with the
 * model, the test and a few of the rows named.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { DataTestError } from "../errors.ts";
import { queryJson, type Database } from "../warehouse/duckdb.ts";

export interface GenericTests {
  /** Each entry is a key: one column or several that together are unique. */
  unique?: (string | string[])[];
  not_null?: string[];
  accepted_values?: Record<string, (string | number | boolean)[]>;
}

export interface DataTest {
  name: string;
  sql: string;
  params?: Record<string, string>;
  /**
   * For a test that fails when any row of the model matches a condition (not_null,
   * accepted_values): that condition, so that all such tests of a model are probed in one scan.
   */
  offends?: string;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const shownRows = 5;

/** The SQL of every generic test; identifiers come from our own test files, values are bound. */
export function genericTestQueries(model: string, tests: GenericTests): DataTest[] {
  const table = quote(model);
  const queries: DataTest[] = [];
  for (const key of tests.unique ?? []) {
    const columns = (Array.isArray(key) ? key : [key]).map(quote).join(", ");
    queries.push({
      name: `unique(${Array.isArray(key) ? key.join(", ") : key})`,
      sql: `select ${columns}, count(*) as copies from ${table} group by all having count(*) > 1`,
    });
  }
  for (const column of tests.not_null ?? []) {
    const offends = `${quote(column)} is null`;
    queries.push({ name: `not_null(${column})`, sql: `select * from ${table} where ${offends}`, offends });
  }
  for (const [column, values] of Object.entries(tests.accepted_values ?? {})) {
    const offends = `${quote(column)} is not null and not list_contains(from_json($accepted, '["varchar"]'), cast(${quote(column)} as varchar))`;
    queries.push({
      name: `accepted_values(${column})`,
      sql: `select ${quote(column)}, count(*) as rows from ${table} where ${offends} group by all`,
      params: { accepted: JSON.stringify(values.map(String)) },
      offends,
    });
  }
  return queries;
}

/** The tests beside one model file. */
export async function testsFor(dir: string, model: string): Promise<DataTest[]> {
  const tests: DataTest[] = [];
  const yamlPath = join(dir, `${model}.tests.yaml`);
  if (existsSync(yamlPath)) tests.push(...genericTestQueries(model, parse(await readFile(yamlPath, "utf8")) as GenericTests));
  for (const file of (await readdir(dir)).sort()) {
    if (file.startsWith(`${model}.`) && file.endsWith(".test.sql")) {
      tests.push({ name: file.slice(model.length + 1, -".test.sql".length), sql: await readFile(join(dir, file), "utf8") });
    }
  }
  return tests;
}

/**
 * A test's SQL (or row condition) with its parameters renamed after its position, so that tests
 * sharing a parameter name can run in one statement.
 */
function numbered(sql: string, test: DataTest, index: number, params: Record<string, string>): string {
  for (const [name, value] of Object.entries(test.params ?? {})) params[`t${index}_${name}`] = value;
  return sql.replace(/\$(\w+)/g, (_, name: string) => `$t${index}_${name}`);
}

/**
 * Whether every test passes, in one statement: a statement per test costs more than the tests
 * themselves on small tables, and a build declares hundreds, most of them not_null. The tests
 * that are a row condition are asked in one scan of the model, the others each as an exists.
 */
async function allPass(db: Database, model: string, tests: readonly DataTest[]): Promise<boolean> {
  const params: Record<string, string> = {};
  const conditions: string[] = [];
  const probes: string[] = [];
  tests.forEach((test, index) => {
    if (test.offends) conditions.push(`(${numbered(test.offends, test, index, params)})`);
    else probes.push(`select 1 where exists (${numbered(test.sql, test, index, params)}\n)`);
  });
  if (conditions.length > 0) probes.push(`select 1 where exists (select 1 from ${quote(model)} where ${conditions.join(" or ")})`);
  return (await queryJson(db.connection, `${probes.join("\nunion all\n")}\nlimit 1`, params)).length === 0;
}

/**
 * Runs a model's tests; when one fails, asks which comes first in the declared order and runs it
 * alone for the rows the message shows.
 */
export async function runDataTests(db: Database, model: string, tests: readonly DataTest[]): Promise<void> {
  if (tests.length === 0 || (await allPass(db, model, tests))) return;
  const params: Record<string, string> = {};
  const probes = tests.map((test, index) => `select ${index} as test where exists (${numbered(test.sql, test, index, params)}\n)`);
  const failing = await queryJson(db.connection, `${probes.join("\nunion all\n")}\norder by test limit 1`, params);
  // The one-scan probe and the tests asked one by one must agree: a row only the probe finds is a bug here, not in the data.
  if (failing.length === 0) throw new Error(`data tests of model ${model}: the combined probe found an offending row that no single test finds`);
  const test = tests[Number(failing[0]!.test)]!;
  const rows = await queryJson(db.connection, `select * from (${test.sql}\n) limit ${shownRows + 1}`, test.params);
  const shown = rows.slice(0, shownRows).map((row) => `  ${JSON.stringify(row)}`).join("\n");
  throw new DataTestError(
    `data test failed: model ${model}, test ${test.name}: ${rows.length > shownRows ? "more than " + shownRows : rows.length} offending row(s):\n${shown}\n` +
      "Check the input records these rows come from, or the policy file.",
  );
}
