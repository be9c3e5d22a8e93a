/**
 * `cadreboard build` (and `npm run build`): record files → warehouse → marts snapshot → `observable build` for one audience.
 * Each step is skipped when its input has not changed (a stamp file beside the output says what
 * it was made from), except the site itself, which is always rebuilt from a cleared loader cache:
 * Framework caches loader output, and a public build must never serve a bureau build's data. The
 * same goes for the results the loaders share (src/site/shared.ts): a fresh folder every build.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultPolicyPath } from "../policy/load.ts";
import { shownFingerprint } from "../../data-loaders/fingerprint.ts";
import { queryJson } from "../warehouse/duckdb.ts";
import { audienceLabel, audienceText, parseAudience, type Audience } from "./audience.ts";
import { openMarts, siteEnvironment } from "./context.ts";
import { resetFrameworkCache } from "./framework-cache.ts";
import { runPageLoadersAhead } from "./loaders-ahead.ts";
import { withBuildLock } from "./lock.ts";
import { mendSite } from "./markup.ts";
import { siteTables, snapshotMarts } from "./marts.ts";
import { loadInfoSql, PROVENANCE_VARIABLE, type Provenance } from "./provenance.ts";
import { freshSharedFolder } from "./shared.ts";

export interface SiteBuildOptions {
  /** Project root (holds reports/, node_modules/, .cadreboard/). */
  root: string;
  audience: string;
  asOf: string;
  outDir: string;
  /** A folder of record files; undefined = the sample county. */
  dataDir?: string;
  sampleStaff?: number;
  policyPath?: string;
  /** Where the sample, warehouse and marts are kept between builds; default <root>/.cadreboard. */
  workDir?: string;
  /** A ready marts file (tests, or marts made elsewhere): skips sample, ingest and models. */
  martsFile?: string;
  log?: (line: string) => void;
}

/** Builds the site; returns what its pages say about their data. */
export async function buildSite(options: SiteBuildOptions): Promise<Provenance> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const audience = parseAudience(options.audience);
  const work = options.workDir ? resolve(options.workDir) : join(options.root, ".cadreboard");
  await mkdir(work, { recursive: true });
  await mkdir(join(options.root, ".cadreboard"), { recursive: true });
  // The lock belongs to the checkout (its reports/ cache), whatever the work folder.
  return withBuildLock(join(options.root, ".cadreboard", "site-build.lock"), log, async () => {
    const marts = options.martsFile ? resolve(options.martsFile) : await prepareMarts(work, options, log);
    const provenance = await readProvenance(marts, options.asOf, audience);
    await resetFrameworkCache(join(options.root, "reports"));
    const shared = await freshSharedFolder(join(options.root, ".cadreboard", "page-shared"));
    await clearOutput(resolve(options.outDir));
    log(`site: building the ${options.audience} site as of ${options.asOf} into ${options.outDir}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Framework runs TypeScript data loaders with the `tsx` command.
      PATH: `${join(options.root, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
      [siteEnvironment.marts]: marts,
      [siteEnvironment.audience]: audienceText(audience),
      [siteEnvironment.asOf]: options.asOf,
      CADREBOARD_SITE_OUT: resolve(options.outDir),
      [siteEnvironment.sharedFolder]: shared,
      // Framework's log is read line by line (and searched by the tests): plain text, even
      // under CI=true, where its colour library would otherwise switch colours on.
      NO_COLOR: "1",
      // Framework reports usage to Observable's server unless told not to; a tool that holds ID
      // numbers sends nothing anywhere, whatever the caller's environment says.
      OBSERVABLE_TELEMETRY_DISABLE: "true",
      [PROVENANCE_VARIABLE]: JSON.stringify(provenance),
    };
    try {
      await runPageLoadersAhead(options.root, env, log);
      await run(process.execPath, [join(options.root, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"], { cwd: options.root, env }, log);
    } finally {
      await rm(shared, { recursive: true, force: true });
    }
    await mendSite(resolve(options.outDir));
    return provenance;
  });
}

async function prepareMarts(work: string, options: SiteBuildOptions, log: (line: string) => void): Promise<string> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : await sampleCounty(work, options.sampleStaff, log);
  const warehouse = await warehouseFor(work, dataDir, log);
  return martsFor(work, warehouse, options, log);
}

/**
 * The sample county, generated once per size under .cadreboard/ (the generator is deterministic),
 * and again when the generator's code changed: an updated Cadreboard must not show an old sample.
 */
export async function sampleCounty(work: string, staff: number | undefined, log: (line: string) => void): Promise<string> {
  const dir = join(work, `sample-${staff ?? "default"}`);
  const stamp = await folderStamp(codeDir("src/sample"));
  if ((await readText(join(dir, ".complete"))) === stamp) return dir;
  log(`site: writing the sample county (${staff ?? "default size"}) to ${dir}`);
  const { writeSampleCounty } = await import("../sample/index.ts");
  await rm(dir, { recursive: true, force: true });
  await writeSampleCounty({ outDir: dir, ...(staff ? { staff } : {}) });
  await writeFile(join(dir, ".complete"), stamp);
  return dir;
}

/** A folder of Cadreboard's own code (from the project root), wherever it is installed. */
const codeDir = (path: string): string => fileURLToPath(new URL(`../../${path}/`, import.meta.url));

/** Ingests the data folder unless the warehouse was already made from these exact files, by this ingest. */
async function warehouseFor(work: string, dataDir: string, log: (line: string) => void): Promise<string> {
  const warehouse = join(work, "warehouse.duckdb");
  const stampPath = join(work, "warehouse.stamp");
  const stamp = [await folderStamp(dataDir), await folderStamp(codeDir("data-loaders"))].join("\n");
  if (existsSync(warehouse) && (await readText(stampPath)) === stamp) return warehouse;
  const { ingest } = await import("../../data-loaders/ingest.ts");
  await ingest({ dataDir, warehouse, log });
  await writeFile(stampPath, stamp);
  return warehouse;
}

async function martsFor(work: string, warehouse: string, options: SiteBuildOptions, log: (line: string) => void): Promise<string> {
  const marts = join(work, "marts.duckdb");
  const stampPath = join(work, "marts.stamp");
  const policy = options.policyPath ? resolve(options.policyPath) : "";
  const stamp = JSON.stringify({
    warehouse: (await stat(warehouse)).mtimeMs,
    asOf: options.asOf,
    // the default policy file is Cadreboard's own: an update may change it
    policy: [policy || defaultPolicyPath, (await stat(policy || defaultPolicyPath)).mtimeMs],
    models: await folderStamp(join(options.root, "sql")),
    // the draft plan is made with the marts, and the tables kept may change with an update
    plan: await folderStamp(codeDir("src/plan")),
    tables: siteTables,
  });
  if (existsSync(marts) && (await readText(stampPath)) === stamp) return marts;
  log(`site: computing the marts as of ${options.asOf}`);
  await rm(stampPath, { force: true });
  await snapshotMarts({ warehouse, asOf: options.asOf, out: marts, ...(policy ? { policyPath: policy } : {}) });
  await writeFile(stampPath, stamp);
  return marts;
}

/** Names, sizes and modification times of a folder's files, recursively: changes when any file does. */
async function folderStamp(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const parts: string[] = [resolve(dir)];
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    parts.push(`${path}:${info.size}:${info.mtimeMs}`);
  }
  return parts.join("\n");
}

/** Framework clears only an output folder inside the project; clear any other, if it holds a previous site or nothing. */
async function clearOutput(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => null);
  if (entries === null || entries.length === 0) return;
  if (!entries.includes("_observablehq") && !entries.includes("index.html")) {
    throw new Error(`site build: ${outDir} is not empty and is not a previous site. Choose an empty folder for --out.`);
  }
  await rm(outDir, { recursive: true, force: true });
}

/** What every page says about its data, read from the marts. */
async function readProvenance(martsFile: string, asOf: string, audience: Audience): Promise<Provenance> {
  const db = await openMarts(martsFile);
  try {
    const [row] = await queryJson(db.connection, loadInfoSql);
    const fingerprint = typeof row?.input_fingerprint === "string" ? shownFingerprint(row.input_fingerprint) : null;
    return { asOf, loadedAt: typeof row?.loaded_at === "string" ? row.loaded_at : null, fingerprint, audience: audienceLabel(audience) };
  } finally {
    db.close();
  }
}

const readText = (path: string): Promise<string | undefined> => readFile(path, "utf8").catch(() => undefined);

/** Runs Framework; its log goes to `log` line by line, and the tail of it into the error when it fails. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, log: (line: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const forward = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim()) log(line);
    };
    child.stdout.on("data", forward);
    child.stderr.on("data", forward);
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`site build failed: observable build exited with ${code}.\n${tail}`)),
    );
  });
}
