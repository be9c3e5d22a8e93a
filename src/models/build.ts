/**
 * Builds every model into a database that already holds the raw tables (or sees them through
 * the search path): policy and run parameters as tables, reference tables, then each model file
 * as a table followed by its data tests. Used by buildMarts and directly by the model tests.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Policy } from "../policy/load.ts";
import { loadPolicyTables } from "../policy/tables.ts";
import { outOfMemory, type Database } from "../warehouse/duckdb.ts";
import { runDataTests, testsFor, type DataTest } from "./data-tests.ts";
import { macrosFile, modelFiles, sqlDir, viewModels } from "./models.ts";
import { loadReferenceTables } from "./reference.ts";

export interface RunParameters {
  asOf: string;
  horizonMonths: number;
  /** School years after the as-of date's round that are judged as if nobody moved (the outlook, the plan). */
  outlookYears: number;
  /** Build only these models (a dependency closure, modelsNeededFor); all of them when absent. */
  only?: ReadonlySet<string>;
}

interface ModelSource {
  sql: string;
  tests: DataTest[];
}

/** Model files and the macros are read once per process: a test run builds hundreds of small databases. */
const sources = new Map<string, Promise<ModelSource>>();
let macros: Promise<string> | undefined;

function modelSource(layer: string, name: string): Promise<ModelSource> {
  const dir = join(sqlDir, layer);
  let source = sources.get(name);
  if (!source) {
    source = Promise.all([readFile(join(dir, `${name}.sql`), "utf8"), testsFor(dir, name)]).then(([sql, tests]) => ({ sql, tests }));
    sources.set(name, source);
  }
  return source;
}

export async function buildModelsInto(
  db: Database,
  policy: Policy,
  params: RunParameters,
  log: (line: string) => void = () => {},
): Promise<void> {
  await db.connection.run(
    `create table run_params as select
      $as_of::date as as_of,
      $horizon::integer as horizon_months,
      cast($as_of::date + to_months($horizon::integer) as date) as horizon_end,
      $outlook_years::integer as outlook_years`,
    { as_of: params.asOf, horizon: params.horizonMonths, outlook_years: params.outlookYears },
  );
  await loadPolicyTables(db, policy);
  await loadReferenceTables(db);
  await db.connection.run(await (macros ??= readFile(join(sqlDir, macrosFile), "utf8")));
  for (const model of modelFiles) {
    if (params.only && !params.only.has(model.name)) continue;
    const { sql, tests } = await modelSource(model.layer, model.name);
    const started = performance.now();
    try {
      await db.connection.run(`create ${viewModels.has(model.name) ? "view" : "table"} ${model.name} as ${sql}`);
    } catch (error) {
      throw outOfMemory(error) ?? new Error(`model ${model.layer}/${model.name}.sql failed: ${(error as Error).message}`);
    }
    const built = performance.now();
    await runDataTests(db, model.name, tests);
    log(`  ${model.layer}/${model.name}: built in ${Math.round(built - started)} ms, ${tests.length} data tests in ${Math.round(performance.now() - built)} ms`);
  }
}
