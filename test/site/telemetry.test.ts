/**
 * The control for the site tests' "nothing was sent" (test/site/support/site-suite.ts): Framework on a
 * one-page project, with a fresh HOME (a new machine) and its telemetry address pointed at a
 * local listener. Without OBSERVABLE_TELEMETRY_DISABLE the listener does get Framework's build
 * events, so a listener that gets nothing during `cadreboard build` means nothing was sent.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listen, type Listener } from "./support/listener.ts";

const framework = join(import.meta.dirname, "..", "..", "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
let listener: Listener;

beforeAll(async () => {
  listener = await listen();
});
afterAll(() => listener.close());

async function buildOnePage(disable: boolean): Promise<{ code: number | null; output: string }> {
  const project = await mkdtemp(join(tmpdir(), "framework-"));
  await mkdir(join(project, "src"));
  await writeFile(join(project, "observablehq.config.js"), 'export default {root: "src", globalStylesheets: []};\n');
  await writeFile(join(project, "src", "index.md"), "# 一页\n");
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: await mkdtemp(join(tmpdir(), "home-")), OBSERVABLE_TELEMETRY_ORIGIN: listener.url, NO_COLOR: "1" };
  delete env.OBSERVABLE_TELEMETRY_DISABLE;
  if (disable) env.OBSERVABLE_TELEMETRY_DISABLE = "true";
  const child = spawn(process.execPath, [framework, "build"], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  return { code, output };
}

it("Framework left alone on a new machine announces telemetry and posts its build events to the listener", async () => {
  const before = listener.requests.length;
  const { code, output } = await buildOnePage(false);
  expect(code).toBe(0);
  expect(output).toContain("collects anonymous telemetry");
  expect(listener.requests.slice(before)).toContain("POST /cli");
}, 120_000);

it("with OBSERVABLE_TELEMETRY_DISABLE it sends nothing and says nothing", async () => {
  const before = listener.requests.length;
  const { code, output } = await buildOnePage(true);
  expect(code).toBe(0);
  expect(output).not.toContain("telemetry");
  expect(listener.requests.slice(before)).toEqual([]);
}, 120_000);
