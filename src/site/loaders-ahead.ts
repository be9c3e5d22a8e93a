/**
 * Computes every page's data (the loaders reports/data/*.json.ts) before `observable build`, in
 * the build's own process, and puts it where Framework keeps loader output. Framework would run
 * a page's loader when it renders that page, one page after another, each a process of its own
 * that loads tsx, the sources and DuckDB before it reads a row (0.4 s of CPU, nine times a
 * build). Here they run one per core, each on its own read-only connection to the marts; the
 * output is what the loader file itself writes (the same function and JSON.stringify:
 * page-loaders.ts). Framework then finds each output newer than its loader and uses it as it is
 * ("[fresh]" in its log).
 */
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Database } from "../warehouse/duckdb.ts";
import { openMarts, pageDataText, siteEnvironment, siteSetting, type PageData } from "./context.ts";
import { loaderSuffix, pageDataOf } from "./page-loaders.ts";

export interface LoadersAheadOptions {
  parallel?: number;
  /** The data function of a loader file; the pages' own (page-loaders.ts) unless a test gives others. */
  pageDataOf?: (loader: string) => PageData;
}

export async function runPageLoadersAhead(
  root: string,
  environment: NodeJS.ProcessEnv,
  log: (line: string) => void,
  options: LoadersAheadOptions = {},
): Promise<void> {
  const parallel = options.parallel ?? availableParallelism();
  const dataDir = join(root, "reports", "data");
  const cacheDir = join(root, "reports", ".observablehq", "cache", "data");
  await mkdir(cacheDir, { recursive: true });
  const loaders = (await readdir(dataDir)).filter((name) => name.endsWith(loaderSuffix)).sort();
  // a loader file that names no page stops the build before any page is computed
  const queue = loaders.map((name) => ({ name, page: (options.pageDataOf ?? pageDataOf)(join("reports", "data", name)) }));
  const marts = siteSetting(environment, siteEnvironment.marts);
  const started = performance.now();
  const worker = async (): Promise<void> => {
    const db = await openMarts(marts);
    try {
      for (let loader = queue.shift(); loader !== undefined; loader = queue.shift()) {
        // a failed loader fails the build: start no other
        await runLoader(loader.page, db, environment, join(cacheDir, loader.name.slice(0, -".ts".length)), log).catch((error: unknown) => {
          queue.length = 0;
          throw new Error(`site build failed: data loader reports/data/${loader.name}: ${(error as Error).message}`, { cause: error });
        });
      }
    } finally {
      db.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, loaders.length)) }, worker));
  log(`site: ${loaders.length} page data loaders run, ${parallel} at a time, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** One page's data into `output` (written beside it first: an interrupted build leaves no output Framework would take as fresh). */
async function runLoader(page: PageData, db: Database, environment: NodeJS.ProcessEnv, output: string, log: (line: string) => void): Promise<void> {
  const { text, logLine } = await pageDataText(page, db, environment);
  const partial = `${output}.${process.pid}.partial`;
  try {
    await writeFile(partial, text);
    await rename(partial, output);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  log(logLine);
}
