/**
 * Sample counties for the benchmark, generated once with `cadreboard sample` and cached under
 * .bench-cache/ (gitignored). The cache key is size, seed and a hash of the generator's source,
 * so a change to src/sample/ makes a fresh sample instead of silently benchmarking stale data.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runStep } from "./measure.ts";

export interface Sample {
  staff: number;
  seed: number;
  dir: string;
  /** Bytes of the CSV record files. */
  bytes: number;
  /** Seconds spent generating it now; null when it came from the cache. */
  generatedSeconds: number | null;
}

/** Pure: the cache folder name for a sample. */
export const sampleKey = (staff: number, seed: number, sourceHash: string): string =>
  `sample-${staff}-seed${seed}-${sourceHash.slice(0, 10)}`;

async function generatorHash(root: string): Promise<string> {
  const dir = join(root, "src", "sample");
  const hash = createHash("sha256");
  for (const name of (await readdir(dir)).sort()) {
    hash.update(name);
    hash.update(await readFile(join(dir, name)));
  }
  return hash.digest("hex");
}

export async function csvBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) if (name.endsWith(".csv")) total += (await stat(join(dir, name))).size;
  return total;
}

export async function cachedSample(root: string, cacheDir: string, staff: number, seed: number, log: (line: string) => void): Promise<Sample> {
  const dir = join(cacheDir, sampleKey(staff, seed, await generatorHash(root)));
  const marker = join(dir, ".complete");
  if (existsSync(marker)) return { staff, seed, dir, bytes: await csvBytes(dir), generatedSeconds: null };
  // Generate into a scratch folder and rename at the end: an interrupted run never leaves a
  // half-written sample that a later run would take for complete.
  const scratch = `${dir}.partial`;
  await rm(scratch, { recursive: true, force: true });
  log(`sample: generating ${staff} staff (seed ${seed}) into ${dir}`);
  const result = await runStep(`sample ${staff}`, process.execPath, [join(root, "bin", "cadreboard.mjs"), "sample", "--out", scratch, "--staff", String(staff), "--seed", String(seed)]);
  await writeFile(join(scratch, ".complete"), `${new Date().toISOString()}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(scratch, dir);
  return { staff, seed, dir, bytes: await csvBytes(dir), generatedSeconds: result.seconds };
}
