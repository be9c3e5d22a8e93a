/**
 * The models entry points: buildMarts (for the report site's loaders), runModels (for
 * `cadreboard models`, which also writes one CSV per contract table) and runOutlook (for
 * `cadreboard outlook`, which writes the contract's `outlook`).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { InputError } from "../errors.ts";
import { join } from "node:path";
import { defaultPolicyPath, loadPolicy } from "../policy/load.ts";
import { openDatabase, type Database } from "../warehouse/duckdb.ts";
import { buildModelsInto } from "./build.ts";
import { pathLiteral, writeTableCsv } from "./csv.ts";
import {
  martNames as orderedMarts,
  modelsNeededFor,
  outlookNames as orderedOutlook,
  siteMartNames as orderedSiteMarts,
  viewModels,
} from "./models.ts";

export interface ModelOptions {
  warehouse: string;
  asOf: string /* YYYY-MM-DD */;
  policyPath?: string;
  horizonMonths?: number /* default 36 */;
  outlookYears?: number /* default 5 */;
  /**
   * Build only what these models need (the plan, the outlook, the site), and keep only them: the
   * returned database then holds these (and the run and policy tables). Every model when absent.
   */
  only?: readonly string[];
  /** With only: called for each of those once nothing later reads it; its table is dropped after (see RunParameters.release). */
  release?: (name: string, db: Database) => Promise<void>;
}

export const defaultHorizonMonths = 36;
/** The outlook's school years (digest §7: the next five); the first is the coming round's, which the plan drafts. */
export const defaultOutlookYears = 5;
export const martNames: readonly string[] = orderedMarts;
/** Marts built for the report site only (buildMarts makes them; runModels writes the contract's). */
export const siteMartNames: readonly string[] = orderedSiteMarts;
/** The contract's `outlook`: built with every model, written only by `cadreboard outlook`. */
export const outlookNames: readonly string[] = orderedOutlook;

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
    await db.connection.run(`attach ${pathLiteral(options.warehouse)} as warehouse (read_only)`);
    // models name raw tables unqualified; they are found in the attached warehouse
    await db.connection.run(`set search_path = 'memory.main,warehouse.main'`);
    await buildModelsInto(db, policy, {
      asOf: options.asOf,
      horizonMonths: options.horizonMonths ?? defaultHorizonMonths,
      outlookYears: options.outlookYears ?? defaultOutlookYears,
      ...(options.only ? { only: modelsNeededFor(options.only), keep: new Set(options.only) } : {}),
      ...(options.release ? { release: options.release } : {}),
    }, log);
    await db.connection.run(`set search_path = 'memory.main'`);
    for (const name of viewModels) await db.connection.run(`drop view if exists ${name}`);
    await db.connection.run("detach warehouse");
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

type WriteOptions = ModelOptions & { outDir: string; log?: (line: string) => void };
type Written = { tables: { name: string; rows: number; path: string }[] };

/** `cadreboard models`: the contract's tables as CSV. */
export async function runModels(options: WriteOptions): Promise<Written> {
  return writeMarts(options, martNames, `models as of ${options.asOf}`, "模型计算完成");
}

/** `cadreboard outlook`: the contract's `outlook` as CSV, for `outlookYears` school years (digest §7). */
export async function runOutlook(options: WriteOptions): Promise<Written> {
  const years = options.outlookYears ?? defaultOutlookYears;
  return writeMarts(options, outlookNames, `outlook as of ${options.asOf}, ${years} school years`, "展望计算完成");
}

async function writeMarts(options: WriteOptions, names: readonly string[], what: string, done: string): Promise<Written> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  // Each CSV is written as soon as nothing later reads its table, which is then dropped: at a
  // province's size the marts take gigabytes the later models need. They go to a folder inside
  // the output and move in only when every model and data test passed, so a failed run leaves
  // the output folder as it was (or absent). Only the models the written tables need are built;
  // per-model timings stay out of the command's output (pass a log to buildMarts to see them).
  const created = await mkdir(options.outDir, { recursive: true });
  const partial = await mkdtemp(join(options.outDir, ".partial-"));
  const rows = new Map<string, number>();
  let written = false;
  try {
    const db = await buildMarts({
      ...options,
      only: names,
      release: async (name, db) => void rows.set(name, await writeTableCsv(db, name, join(partial, `${name}.csv`))),
    });
    db.close();
    const tables: { name: string; rows: number; path: string }[] = [];
    for (const name of names) {
      const path = join(options.outDir, `${name}.csv`);
      await rename(join(partial, `${name}.csv`), path);
      tables.push({ name, rows: rows.get(name)!, path });
      log(`${path}\t${rows.get(name)} rows`);
    }
    written = true;
    log(`${what} built in ${((performance.now() - started) / 1000).toFixed(1)} s（${done}）`);
    return { tables };
  } finally {
    await rm(!written && created ? created : partial, { recursive: true, force: true });
  }
}
