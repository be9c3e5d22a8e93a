/**
 * The models entry points: buildMarts (for the report site's loaders) and runModels (for
 * `cadreboard models`, which also writes one CSV per contract table).
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { InputError } from "../errors.ts";
import { join } from "node:path";
import { defaultPolicyPath, loadPolicy } from "../policy/load.ts";
import { openDatabase, type Database } from "../warehouse/duckdb.ts";
import { buildModelsInto } from "./build.ts";
import { pathLiteral, writeTableCsv } from "./csv.ts";
import { martNames as orderedMarts, modelsNeededFor, siteMartNames as orderedSiteMarts } from "./models.ts";

export interface ModelOptions {
  warehouse: string;
  asOf: string /* YYYY-MM-DD */;
  policyPath?: string;
  horizonMonths?: number /* default 36 */;
  outlookYears?: number /* default 5 */;
  /** Build only what these marts need (the plan, the outlook); every model when absent. */
  only?: readonly string[];
}

export const defaultHorizonMonths = 36;
/** The outlook's school years (digest §7: the next five); the first is the coming round's, which the plan drafts. */
export const defaultOutlookYears = 5;
export const martNames: readonly string[] = orderedMarts;
/** Marts built for the report site only (buildMarts makes them; runModels writes the contract's). */
export const siteMartNames: readonly string[] = orderedSiteMarts;

/**
 * Opens the warehouse (read-only: never modify it), loads the policy, builds staging →
 * intermediate → marts in an in-memory database, runs the data tests (throws DataTestError on
 * failure), and returns the database with every mart as a table named exactly as the contract's.
 */
export async function buildMarts(options: ModelOptions, log?: (line: string) => void): Promise<Database> {
  if (!existsSync(options.warehouse)) {
    throw new InputError(
      `warehouse ${options.warehouse} not found: the models read a warehouse that ingest wrote. Run \`cadreboard ingest --data DIR --warehouse ${options.warehouse}\` first.`,
      { file: options.warehouse },
    );
  }
  const policy = await loadPolicy(options.policyPath ?? defaultPolicyPath);
  const db = await openDatabase();
  try {
    // Keep the in-memory model database within 3 GB (beyond it DuckDB spills to disk): at a
    // province's size it otherwise grew past 7 GB, and was slower for it.
    await db.connection.run(`set memory_limit = '3GB'`);
    await db.connection.run(`attach ${pathLiteral(options.warehouse)} as warehouse (read_only)`);
    // models name raw tables unqualified; they are found in the attached warehouse
    await db.connection.run(`set search_path = 'memory.main,warehouse.main'`);
    await buildModelsInto(db, policy, {
      asOf: options.asOf,
      horizonMonths: options.horizonMonths ?? defaultHorizonMonths,
      outlookYears: options.outlookYears ?? defaultOutlookYears,
      ...(options.only ? { only: modelsNeededFor(options.only) } : {}),
    }, log);
    await db.connection.run(`set search_path = 'memory.main'`);
    await db.connection.run("detach warehouse");
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export async function runModels(
  options: ModelOptions & { outDir: string; log?: (line: string) => void },
): Promise<{ tables: { name: string; rows: number; path: string }[] }> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  // per-model timings stay out of the command's output; pass a log to buildMarts to see them
  const db = await buildMarts(options);
  try {
    await mkdir(options.outDir, { recursive: true });
    const tables: { name: string; rows: number; path: string }[] = [];
    for (const name of martNames) {
      const path = join(options.outDir, `${name}.csv`);
      const rows = await writeTableCsv(db, name, path);
      tables.push({ name, rows, path });
      log(`${path}\t${rows} rows`);
    }
    log(`models as of ${options.asOf} built in ${((performance.now() - started) / 1000).toFixed(1)} s（模型计算完成）`);
    return { tables };
  } finally {
    db.close();
  }
}
