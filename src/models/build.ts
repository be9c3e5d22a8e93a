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
import { lastReaders, macrosFile, modelFiles, sqlDir, viewModels } from "./models.ts";
import { loadReferenceTables } from "./reference.ts";

export interface RunParameters {
  asOf: string;
  horizonMonths: number;
  /** School years after the as-of date's round that are judged as if nobody moved (the outlook, the plan). */
  outlookYears: number;
  /** Build only these models (a dependency closure, modelsNeededFor); all of them when absent. */
  only?: ReadonlySet<string>;
  /**
   * The models the caller reads once the build is done. When given, every other model's table is
   * dropped as soon as the last model that reads it (its SQL or its data tests) is built: at a
   * province's size the intermediate tables are gigabytes, which the memory limit otherwise
   * spills to disk and reads back while the later models run. All are kept when absent.
   */
  keep?: ReadonlySet<string>;
  /**
   * With keep: each kept model is handed to release once the last model that reads it is built,
   * and its table dropped after, so that a mart written out stops taking memory while the later
   * models run (`cadreboard models` writes its CSV there). Kept to the end of the build when absent.
   */
  release?: (name: string, db: Database) => Promise<void>;
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
  const built = modelFiles.filter((model) => !params.only || params.only.has(model.name));
  const sources = new Map(await Promise.all(built.map(async (model) => [model.name, await modelSource(model.layer, model.name)] as const)));
  const droppedAfter = params.keep
    ? dropSchedule(built.map((model) => model.name), sources, params.release ? new Set<string>() : params.keep)
    : new Map<string, string[]>();
  for (const model of built) {
    const { sql, tests } = sources.get(model.name)!;
    const started = performance.now();
    try {
      await db.connection.run(`create ${viewModels.has(model.name) ? "view" : "table"} ${model.name} as ${sql}`);
    } catch (error) {
      throw outOfMemory(error) ?? new Error(`model ${model.layer}/${model.name}.sql failed: ${(error as Error).message}`);
    }
    const finished = performance.now();
    await runDataTests(db, model.name, tests);
    log(`  ${model.layer}/${model.name}: built in ${Math.round(finished - started)} ms, ${tests.length} data tests in ${Math.round(performance.now() - finished)} ms`);
    for (const name of droppedAfter.get(model.name) ?? []) {
      if (params.keep?.has(name)) await params.release?.(name, db);
      await db.connection.run(`drop table ${name}`);
    }
  }
}

/**
 * For each model, the tables to drop once it is built: every model not kept goes after the last
 * model that reads it (its SQL or its data tests), or after itself when none does.
 */
function dropSchedule(order: readonly string[], sources: ReadonlyMap<string, ModelSource>, keep: ReadonlySet<string>): Map<string, string[]> {
  const texts = new Map([...sources].map(([name, { sql, tests }]) => [name, [sql, ...tests.map((test) => test.sql)].join("\n")]));
  const readers = lastReaders(texts, order);
  const schedule = new Map<string, string[]>();
  for (const name of order) {
    if (keep.has(name) || viewModels.has(name)) continue;
    const after = readers.get(name) ?? name;
    schedule.set(after, [...(schedule.get(after) ?? []), name]);
  }
  return schedule;
}
