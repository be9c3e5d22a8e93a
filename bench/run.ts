/**
 * `npm run bench`: a county, a city and a province (5,000, 100,000 and 1,000,000 staff by default)
 * through the scan floor, ingest, models, the arquero rotation rules and (up to 100,000 staff)
 * the public site build, each step in a child process of its own. Prints the table and appends a
 * dated section to bench/results.md; a run of all three sizes also rewrites README.md's scaling table.
 *
 *   tsx bench/run.ts [--sizes 5000,100000,1000000] [--seed 1] [--as-of 2026-09-01]
 *                    [--site-up-to 100000] [--plan-up-to 100000] [--arquero-up-to 1000000] [--no-arquero]
 *                    [--results bench/results.md]
 *                    [--sample SIZE=DIR …]   (a prepared sample folder for a size instead of the cache)
 */
import { execFileSync } from "node:child_process";
import { appendFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { modelTimings, rotationModels, secondsOf } from "./closure.ts";
import { runStep } from "./measure.ts";
import { pageData } from "./pages.ts";
import { checksList, resultsSection, resultsTable, scalingTable, targetChecks, withScalingTable, type SizeResult } from "./report.ts";
import { cachedSample, csvBytes } from "./samples.ts";
import { SAMPLE_HISTORY_END } from "../src/sample/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "5000,100000,1000000" },
    seed: { type: "string", default: "1" },
    "as-of": { type: "string", default: SAMPLE_HISTORY_END },
    "site-up-to": { type: "string", default: "100000" },
    "plan-up-to": { type: "string", default: "100000" },
    "arquero-up-to": { type: "string", default: "1000000" },
    "no-arquero": { type: "boolean", default: false },
    results: { type: "string", default: join(root, "bench", "results.md") },
    sample: { type: "string", multiple: true, default: [] },
  },
  strict: true,
});
const sizes = values.sizes.split(",").map((size) => Number(size.trim()));
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes must be whole numbers, not "${values.sizes}"`);
const seed = Number(values.seed);
const asOf = values["as-of"];
const cache = join(root, ".bench-cache");
const log = (line: string) => process.stderr.write(`${line}\n`);
const node = process.execPath;
const tsx = ["--import", "tsx"];
const cli = join(root, "bin", "cadreboard.mjs");
// arquero holds every intermediate table as JS arrays: the province needs more than Node's default heap
const arqueroHeap = "--max-old-space-size=16384";

const givenSamples = new Map(values.sample.map((entry) => {
  const [size, dir] = entry.split("=");
  if (!size || !dir) throw new Error(`--sample takes SIZE=DIR, not "${entry}"`);
  return [Number(size), resolve(dir)] as const;
}));
const duckdbRuleModels = rotationModels();
const results: SizeResult[] = [];
for (const staff of sizes) {
  const given = givenSamples.get(staff);
  const sample = given
    ? { staff, seed, dir: given, bytes: await csvBytes(given), generatedSeconds: null }
    : await cachedSample(root, cache, staff, seed, log);
  const work = join(cache, `run-${staff}-seed${seed}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const warehouse = join(work, "warehouse.duckdb");
  const modelsOut = join(work, "models");
  const loadAverage = loadavg()[0]!;
  log(`\n== ${staff.toLocaleString("en-US")} staff (${(sample.bytes / 1e6).toFixed(0)} MB of CSV, load average ${loadAverage.toFixed(2)})`);

  const floor = await runStep("scan floor", node, [...tsx, join(root, "bench/steps/scan-floor.ts"), sample.dir]);
  const floorReadSeconds = (JSON.parse(floor.stdout) as { readSeconds: number }).readSeconds;
  log(`scan floor ${floorReadSeconds.toFixed(2)} s reading (${floor.seconds.toFixed(2)} s with process start)`);
  const ingest = await runStep("ingest", node, [cli, "ingest", "--data", sample.dir, "--warehouse", warehouse]);
  log(`ingest ${ingest.seconds.toFixed(2)} s`);
  const models = await runStep("models", node, [cli, "models", "--warehouse", warehouse, "--as-of", asOf, "--out", modelsOut]);
  log(`models ${models.seconds.toFixed(2)} s`);
  const timed = await runStep("model timings", node, [...tsx, join(root, "bench/steps/model-timings.ts"), warehouse, asOf]);
  const timings = modelTimings(timed.stdout);
  const duckdbRulesSeconds = secondsOf(timings, duckdbRuleModels);
  log(`  slowest models: ${[...timings].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, ms]) => `${name} ${ms} ms`).join(", ")}`);

  const result: SizeResult = {
    staff, csvBytes: sample.bytes, floor, floorReadSeconds, ingest, models, duckdbRulesSeconds, loadAverage,
    ...(given ? { sampleNote: `sample given with --sample: ${given}` } : {}),
  };
  if (!values["no-arquero"] && staff <= Number(values["arquero-up-to"])) {
    const step = await runStep("arquero", node, [arqueroHeap, ...tsx, join(root, "bench/steps/arquero.ts"), warehouse, asOf, modelsOut]);
    const out = JSON.parse(step.stdout) as { loadSeconds: number; rulesSeconds: number; nearCells: number; rows: Record<string, number> };
    result.arquero = { ...step, loadSeconds: out.loadSeconds, rulesSeconds: out.rulesSeconds, nearCells: out.nearCells, rows: Object.values(out.rows).reduce((a, b) => a + b, 0) };
    log(`arquero rules ${out.rulesSeconds.toFixed(2)} s (load ${out.loadSeconds.toFixed(2)} s), DuckDB ${duckdbRulesSeconds.toFixed(2)} s; rows identical (${out.nearCells} cells equal within 1e-12)`);
  }
  if (staff <= Number(values["site-up-to"])) {
    const audience = "public";
    const siteOut = join(work, "site");
    const step = await runStep("site build", node, [...tsx, join(root, "bench/steps/site.ts"), root, sample.dir, join(work, "site-work"), siteOut, audience, asOf]);
    const { waitSeconds, marks } = JSON.parse(step.stdout) as { waitSeconds: number; marks: string[] };
    const [largest] = await pageData(siteOut);
    // time spent waiting for someone else's build (the checkout's build lock) is not ours
    result.site = { ...step, seconds: step.seconds - waitSeconds, audience, largestPage: largest?.page ?? "—", largestPageBytes: largest?.bytes ?? 0 };
    log(`site build ${result.site.seconds.toFixed(1)} s (+ ${waitSeconds.toFixed(1)} s waiting for another build); largest page ${largest?.page} ${((largest?.bytes ?? 0) / 1000).toFixed(0)} KB`);
    for (const mark of marks) log(`  ${mark}`);
  }
  if (staff <= Number(values["plan-up-to"])) {
    // the coming round after the as-of date's (rounds open on 07-01 in the default policy)
    const year = Number(asOf.slice(0, 4)) + (asOf.slice(5) >= "07-01" ? 1 : 0);
    const step = await runStep("plan", node, [cli, "plan", "--warehouse", warehouse, "--year", String(year), "--out", join(work, "plan")]);
    const solved = /(\d+) moves, .*HiGHS (\S+), gap ([\d.]+)%, (\d+) columns, drafted in ([\d.]+) s/.exec(step.stdout);
    if (!solved) throw new Error(`bench: \`cadreboard plan\` printed no solver line:\n${step.stdout}`);
    result.plan = {
      ...step, year, moves: Number(solved[1]), status: solved[2]!, gap: Number(solved[3]) / 100, columns: Number(solved[4]), solverSeconds: Number(solved[5]),
    };
    log(`plan ${year} ${step.seconds.toFixed(1)} s: ${result.plan.moves} moves, HiGHS ${result.plan.status} in ${result.plan.solverSeconds} s, gap ${solved[3]}%`);
  }
  results.push(result);
}

const resultsPreamble = `# Benchmark results

\`npm run bench\` appends one section per run. Each step is its own process: wall time measured
outside it (process start included), CPU = user + system seconds, peak RSS from GNU time (the
largest process of the step). **Scan floor**: DuckDB reading the same CSV files into all-text
tables of an in-memory database, nothing else. **Rotation rules**:
DuckDB = build time of the models rotation_due and rotation_compliance need (from the models' own
per-model log; data tests not counted); arquero = the same rules in Node over the raw tables already in memory
(loading them from the warehouse is not counted); both outputs are compared row by row on their decision columns (not the explanation sentences).
**Site build**: the public site from the record files in a fresh work folder (ingest, marts, every page).
**Plan**: \`cadreboard plan\` for the round after the as-of date, end to end (the models for that round,
the integer program, the CSV and XLSX files); HiGHS's own solve time, status and relative gap beside it.

`;

const git = (args: string[]) => {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
};
const dirty = git(["status", "--porcelain"]) === "" ? "" : " (with uncommitted changes)";
const info = {
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  cores: cpus().length,
  cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
  memoryGb: totalmem() / 2 ** 30,
  node: process.versions.node,
  commit: `${git(["rev-parse", "--short", "HEAD"])}${dirty}`,
  seed,
  asOf,
};
const existing = await readFile(values.results, "utf8").catch(() => "");
await appendFile(values.results, `${existing === "" ? resultsPreamble : "\n"}${resultsSection(info, results)}`);
process.stdout.write(`\n${resultsTable(results)}\n\n${checksList(targetChecks(results))}\n\nappended to ${values.results}\n`);

// The README shows a county, a city and a province side by side, all from one run.
const readmeSizes = [5_000, 100_000, 1_000_000];
if (readmeSizes.every((size) => sizes.includes(size))) {
  const readme = join(root, "README.md");
  const scaling = results.filter((result) => readmeSizes.includes(result.staff));
  await writeFile(readme, withScalingTable(await readFile(readme, "utf8"), scalingTable(info, scaling)));
  process.stdout.write(`scaling table written into ${readme}\n`);
} else {
  process.stdout.write(`README.md's scaling table left as it is: it needs a run of ${readmeSizes.join(", ")} staff\n`);
}
