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
    queries.push({ name: `not_null(${column})`, sql: `select * from ${table} where ${quote(column)} is null` });
  }
  for (const [column, values] of Object.entries(tests.accepted_values ?? {})) {
    queries.push({
      name: `accepted_values(${column})`,
      sql: `select ${quote(column)}, count(*) as rows from ${table}
        where ${quote(column)} is not null
          and cast(${quote(column)} as varchar) not in (select unnest(from_json($accepted, '["varchar"]')))
        group by all`,
      params: { accepted: JSON.stringify(values.map(String)) },
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
 * One statement asks which of a model's tests return any row (a statement each costs more than
 * the tests themselves on small tables, and a build runs hundreds); only a failing test is then
 * run alone, in the declared order, for the rows the message shows.
 */
export async function runDataTests(db: Database, model: string, tests: readonly DataTest[]): Promise<void> {
  if (tests.length === 0) return;
  const params: Record<string, string> = {};
  const probes = tests.map((test, index) => {
    // each test's own parameter names, numbered so that tests sharing a name do not collide
    const sql = test.sql.replace(/\$(\w+)/g, (_, name: string) => `$t${index}_${name}`);
    for (const [name, value] of Object.entries(test.params ?? {})) params[`t${index}_${name}`] = value;
    return `select ${index} as test where exists (${sql}\n)`;
  });
  const failing = await queryJson(db.connection, `${probes.join("\nunion all\n")}\norder by test limit 1`, params);
  if (failing.length === 0) return;
  const test = tests[Number(failing[0]!.test)]!;
  const rows = await queryJson(db.connection, `select * from (${test.sql}\n) limit ${shownRows + 1}`, test.params);
  const shown = rows.slice(0, shownRows).map((row) => `  ${JSON.stringify(row)}`).join("\n");
  throw new DataTestError(
    `data test failed: model ${model}, test ${test.name}: ${rows.length > shownRows ? "more than " + shownRows : rows.length} offending row(s):\n${shown}\n` +
      "Check the input records these rows come from, or the policy file.",
  );
}
