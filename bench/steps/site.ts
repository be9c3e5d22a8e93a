/**
 * The site build of the benchmark: `npm run build`'s buildSite for one audience, from a fresh
 * work folder, so nothing is reused from an earlier build (the record files are ingested, the
 * marts computed and every page's data loader run, as on a bureau's nightly rebuild).
 *
 *   node --import tsx bench/steps/site.ts ROOT DATA_DIR WORK_DIR OUT_DIR AUDIENCE AS_OF
 */
import { rm } from "node:fs/promises";
import { buildSite } from "../../src/site/build.ts";

const [root, dataDir, workDir, outDir, audience, asOf] = process.argv.slice(2);
if (!root || !dataDir || !workDir || !outDir || !audience || !asOf) {
  throw new Error("usage: site.ts ROOT DATA_DIR WORK_DIR OUT_DIR AUDIENCE AS_OF");
}
await rm(workDir, { recursive: true, force: true });
// Another helper's or a test's site build may hold the checkout's build lock: buildSite waits for
// it (taking over a lock whose process has gone) and says so, and that wait is subtracted, so only
// our own build is timed.
let waitSeconds = 0;
const started = performance.now();
let waitingSince: number | null = null;
const marks: string[] = [];
await buildSite({
  root, dataDir, workDir, outDir, audience, asOf,
  log: (line) => {
    process.stderr.write(`${line}\n`);
    if (line.startsWith("site: waiting for another site build")) waitingSince = performance.now();
    else if (waitingSince !== null) {
      waitSeconds += (performance.now() - waitingSince) / 1000;
      waitingSince = null;
    }
    if (line.startsWith("site:") || line.startsWith("warehouse ")) marks.push(`${((performance.now() - started) / 1000).toFixed(1)}s ${line}`);
  },
});
process.stdout.write(`${JSON.stringify({ waitSeconds, marks })}\n`);
