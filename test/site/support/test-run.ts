/**
 * Vitest global setup: what the whole test run shares.
 * - A name for the run, which the site test files (in parallel workers) share, so that the first
 *   of them writes the site tests' sample copy and the others use it (test/site/support/sites.ts).
 * - A temp folder of its own. Tests, the commands they start, DuckDB's spill files and Chromium's
 *   profiles all write under the system's temp folder, a few hundred folders and some hundreds of
 *   MB per run. Pointing the temp folder variables at one folder (the workers and every process
 *   they start inherit them) lets the teardown remove all of it, instead of each run leaving it
 *   behind on a developer's disk or a CI runner.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testRun: string;
  }
}

/** What os.tmpdir() reads: TMPDIR on Linux and macOS, TEMP or TMP on Windows. */
const TEMP_VARIABLES = ["TMPDIR", "TEMP", "TMP"] as const;

export default function setup(project: TestProject): () => void {
  project.provide("testRun", `${process.pid}-${Date.now()}`);
  const saved = TEMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  const runTemp = mkdtempSync(join(tmpdir(), "cadreboard-test-run-"));
  for (const name of TEMP_VARIABLES) process.env[name] = runTemp;
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(runTemp, { recursive: true, force: true });
  };
}
