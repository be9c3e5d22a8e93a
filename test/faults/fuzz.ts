/**
 * The fuzz loop, shared by the bounded test and scripts/fuzz.ts: random mutations of the fixture
 * files (bytes and cells, CSV and XLSX) through `cadreboard ingest`. Each run must end with exit
 * 0, or exit 1 with an InputError message naming the file; after exit 0 the load invariant holds,
 * and after exit 1 the previous warehouse is byte-identical.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { csv, tempDir, validFiles, writeFolder, type Rows } from "../ingest/fixtures.ts";
import { checkInvariant, ingestInProcess, random } from "./harness.ts";
import { workbook } from "./workbooks.ts";

const NASTY = ["", " ", "\u3000", "#N/A", "#VALUE!", "=1+1", "+1", "-1", "@x", "\t", "\r", "\n", '"', "'", ",", ";", "\uFEFF", "0", "99999",
  "1e999", "NaN", "2019-02-29", "1899-12-31", "2150-01-01", "２０１９年９月", "x".repeat(5000), "备注：", "合计", "学校代码", "工号", "\u0000", "null", "🙂", "\\"];

export interface FuzzResult {
  iterations: number;
  exit0: number;
  exit1: number;
  failures: string[];
}

const sha = (path: string) => (existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : "none");

function mutateCells(rows: Rows, next: () => number): (string | number)[][] {
  const out = rows.map((row) => [...row]);
  for (let n = 1 + Math.floor(next() * 4); n > 0 && out.length > 0; n--) {
    const r = Math.floor(next() * out.length);
    const kind = next();
    if (kind < 0.7) {
      const row = out[r]!;
      row[Math.floor(next() * (row.length + 1))] = NASTY[Math.floor(next() * NASTY.length)]!;
    } else if (kind < 0.8) out.splice(r, 0, [...out[Math.floor(next() * out.length)]!]); // duplicate a row
    else if (kind < 0.9) out.splice(r, 1);
    else out[r] = out[r]!.slice(0, Math.floor(next() * out[r]!.length)); // short row
  }
  return out;
}

function mutateBytes(bytes: Buffer, next: () => number): Buffer {
  const out = [...bytes];
  for (let n = 1 + Math.floor(next() * 6); n > 0 && out.length > 0; n--) {
    const at = Math.floor(next() * out.length);
    const kind = next();
    if (kind < 0.4) out[at] = Math.floor(next() * 256);
    else if (kind < 0.7) out.splice(at, 1 + Math.floor(next() * 8));
    else if (kind < 0.9) out.splice(at, 0, ...[0x22, 0x2c, 0x0a, 0x0d, 0xef, 0xbb, 0xbf, 0xff, 0x00].slice(0, 1 + Math.floor(next() * 3)));
    else out.length = at; // truncated
  }
  return Buffer.from(out);
}

/** Runs mutations until `seconds` have passed (at least `minIterations`). */
export async function fuzz(seed: number, seconds: number, minIterations = 1): Promise<FuzzResult> {
  const next = random(seed);
  const result: FuzzResult = { iterations: 0, exit0: 0, exit1: 0, failures: [] };
  const warehouse = join(tempDir("fuzz-w"), "w.duckdb");
  const first = await ingestInProcess(writeFolder(validFiles()), warehouse);
  if (first.status !== 0) throw new Error(`baseline load failed: ${first.err}`);
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline || result.iterations < minIterations) {
    const files: Record<string, Rows | Buffer> = validFiles();
    const names = Object.keys(files);
    const target = names[Math.floor(next() * names.length)]!;
    const how = next();
    let label: string;
    if (how < 0.45) {
      files[target] = mutateCells(files[target] as Rows, next);
      label = "cells";
    } else if (how < 0.85) {
      files[target] = mutateBytes(Buffer.from(csv(files[target] as Rows)), next);
      label = "csv bytes";
    } else {
      const book = await workbook(mutateCells(files[target] as Rows, next));
      delete files[target];
      files[`${target}.xlsx`] = next() < 0.5 ? mutateBytes(book, next) : book;
      label = "xlsx";
    }
    const before = sha(warehouse);
    const iteration = `seed ${seed} iteration ${result.iterations} (${label} of ${target})`;
    result.iterations++;
    const dir = writeFolder(files);
    if (process.env.FUZZ_TRACE) console.error(`${iteration} ${dir}`);
    try {
      const run = await ingestInProcess(dir, warehouse);
      if (run.status === 0) {
        result.exit0++;
        await checkInvariant(warehouse);
      } else if (run.status === 1 && /^(InputError|WarehouseLockedError): .*\(file [^)]+\)/s.test(run.err)) {
        result.exit1++;
        if (sha(warehouse) !== before) result.failures.push(`${iteration}: exit 1 changed the warehouse`);
      } else {
        result.failures.push(`${iteration}: exit ${run.status}: ${run.err.slice(0, 300)}`);
      }
    } catch (error) {
      result.failures.push(`${iteration}: ${(error as Error).message.slice(0, 300)}`);
    }
  }
  return result;
}
