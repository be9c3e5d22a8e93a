/**
 * Shared by the corpus, fault and fuzz tests: run `cadreboard ingest` in-process (the CLI's own
 * main(), so exit statuses and messages are the real ones) and check the load invariant.
 */
import { existsSync } from "node:fs";
import { main } from "../../src/cli.ts";
import { recordFiles } from "../../src/contract.ts";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";

export interface Run {
  status: number;
  out: string;
  err: string;
}

const STALL_MS = "CADREBOARD_XLSX_STALL_MS";

export async function ingestInProcess(dataDir: string, warehouse: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  // A damaged workbook can leave exceljs waiting forever: give up after 2 s, not 30, in these
  // loops; only for this run, as the test files share a process (vitest.config.ts).
  const stallMs = process.env[STALL_MS];
  process.env[STALL_MS] ??= "2000";
  try {
    const status = await main(["ingest", "--data", dataDir, "--warehouse", warehouse], (line) => out.push(String(line)), (line) => err.push(String(line)));
    return { status, out: out.join("\n"), err: err.join("\n") };
  } finally {
    if (stallMs === undefined) delete process.env[STALL_MS];
    else process.env[STALL_MS] = stallMs;
  }
}

export interface FileCount {
  file: string;
  read: number;
  loaded: number;
  rejected: number;
}

/**
 * The invariant of every load: per file, rows read = loaded + rejected, and those numbers are the
 * rows actually in raw_<file> and raw_rejects. Returns the per-file counts (throws if broken).
 */
export async function checkInvariant(warehouse: string): Promise<FileCount[]> {
  if (!existsSync(warehouse)) throw new Error(`no warehouse at ${warehouse}`);
  // one read-only open for every count (an open per query cost more than the queries)
  const db = await openDatabase(warehouse, { readOnly: true });
  try {
    const files = (await queryJson(
      db.connection,
      `select file, rows_read::integer as read, rows_loaded::integer as loaded, rows_rejected::integer as rejected from load_files order by file`,
    )) as unknown as FileCount[];
    for (const file of files) {
      const name = recordFiles.find((spec) => file.file.toLowerCase().startsWith(`${spec.name}.`))!.name;
      const [actual] = await queryJson(
        db.connection,
        `select (select count(*) from raw_${name})::integer as loaded, (select count(*) from raw_rejects where file = $file and action = 'row')::integer as rejected`,
        { file: file.file },
      );
      if (file.read !== file.loaded + file.rejected || actual!.loaded !== file.loaded || actual!.rejected !== file.rejected) {
        throw new Error(`invariant broken for ${file.file}: ${JSON.stringify({ ...file, actual })}`);
      }
    }
    return files;
  } finally {
    db.close();
  }
}

/** Deterministic pseudo-random numbers (mulberry32): a failing seed can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seconds a bounded loop may run: env var, else the default kept short for `npm test`. */
export const budgetSeconds = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
