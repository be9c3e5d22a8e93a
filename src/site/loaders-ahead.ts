/**
 * Runs the page data loaders (reports/data/*.json.ts) before `observable build`, one per core,
 * and puts their output where Framework keeps loader output. Framework runs a page's loader when
 * it renders that page, one page after another; the loaders are independent processes that only
 * read the marts, so on a 2-core office PC two at a time halve that part of the build. Framework
 * then finds each output newer than its loader and uses it as it is ("[fresh]" in its log).
 *
 * The working folder and environment are Framework's own for a TypeScript loader, and so is the
 * code that runs it: Framework runs `tsx <path>` from the project root, and the `tsx` command
 * starts a second Node process that loads tsx's hooks and then the loader. That process is
 * started here directly (0.2 s less a loader, nine times a build), so the output is the same
 * bytes Framework would make.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";

const loaderSuffix = ".json.ts";
/** tsx's hooks, as the `tsx` command passes them to the process it starts (Cadreboard's own tsx, which the build puts first on Framework's PATH). */
const tsxHooks = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export async function runPageLoadersAhead(
  root: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  parallel = availableParallelism(),
): Promise<void> {
  const dataDir = join(root, "reports", "data");
  const cacheDir = join(root, "reports", ".observablehq", "cache", "data");
  await mkdir(cacheDir, { recursive: true });
  const loaders = (await readdir(dataDir)).filter((name) => name.endsWith(loaderSuffix)).sort();
  const started = performance.now();
  const queue = [...loaders];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const output = join(cacheDir, name.slice(0, -".ts".length));
      // a failed loader fails the build: start no other
      await runLoader(root, join("reports", "data", name), output, env, log).catch((error: unknown) => {
        queue.length = 0;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, loaders.length)) }, worker));
  log(`site: ${loaders.length} page data loaders run, ${parallel} at a time, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** One loader, its stdout into `output` (written beside it first: an interrupted run leaves no output Framework would take as fresh). */
async function runLoader(root: string, loader: string, output: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const partial = `${output}.${process.pid}.partial`;
  const child = spawn(process.execPath, ["--import", tsxHooks, loader], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
  let tail = "";
  child.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    tail = (tail + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim()) log(line);
  });
  const exited = new Promise<number | null>((resolveExit, reject) => {
    child.on("error", reject);
    child.on("close", resolveExit);
  });
  const [code] = await Promise.all([exited, pipeline(child.stdout, createWriteStream(partial))]);
  if (code !== 0) {
    await rm(partial, { force: true });
    throw new Error(`site build failed: data loader ${loader} exited with ${code}.\n${tail}`);
  }
  await rename(partial, output);
}
