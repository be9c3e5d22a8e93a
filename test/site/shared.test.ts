/**
 * Results several page data loaders need, computed once per build (src/site/shared.ts): the
 * loaders are processes of their own, so the first computes and the others read; a result belongs
 * to one build and one audience.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAudience } from "../../src/site/audience.ts";
import { freshSharedFolder, sharedResult } from "../../src/site/shared.ts";
import { root } from "./support/sites.ts";

const sharedModule = join(root, "src", "site", "shared.ts");

/** A loader-like process: asks for the shared result, whose computing takes 300 ms and is logged to `computedLog`. */
const loaderScript = (folder: string, computedLog: string) => `
import { appendFileSync } from "node:fs";
import { sharedResult } from ${JSON.stringify(sharedModule)};
const result = await sharedResult({ sharedFolder: ${JSON.stringify(folder)}, audience: { kind: "public" } }, "counts", async () => {
  appendFileSync(${JSON.stringify(computedLog)}, process.pid + "\\n");
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { cells: [7, null, 12], computedBy: process.pid };
});
process.stdout.write(JSON.stringify(result));
`;

function runScript(path: string): Promise<string> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, ["--import", "tsx", path], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("error", failed);
    child.on("close", (code) => (code === 0 ? done(out) : failed(new Error(`${path} exited with ${code}: ${err}`))));
  });
}

const counter = () => {
  const calls: string[] = [];
  return { calls, compute: (value: string) => async () => (calls.push(value), { value }) };
};

describe("sharedResult", () => {
  it("loaders started together: one computes, the other waits and reads the same result", async () => {
    const dir = await mkdtemp(join(tmpdir(), "shared-"));
    const folder = await freshSharedFolder(join(dir, "page-shared"));
    const computedLog = join(dir, "computed.log");
    await writeFile(computedLog, "");
    const script = join(dir, "loader.mts");
    await writeFile(script, loaderScript(folder, computedLog));
    const [first, second] = await Promise.all([runScript(script), runScript(script)]);
    const computedBy = (await readFile(computedLog, "utf8")).trim().split("\n");
    expect(computedBy).toHaveLength(1);
    expect(JSON.parse(first!)).toEqual({ cells: [7, null, 12], computedBy: Number(computedBy[0]) });
    expect(second).toBe(first);
  }, 30_000);

  it("a later reader gets the result without computing it", async () => {
    const folder = await freshSharedFolder(join(await mkdtemp(join(tmpdir(), "shared-")), "page-shared"));
    const { calls, compute } = counter();
    const context = { sharedFolder: folder, audience: parseAudience("public") };
    expect(await sharedResult(context, "counts", compute("first"))).toEqual({ value: "first" });
    expect(await sharedResult(context, "counts", compute("second"))).toEqual({ value: "first" });
    expect(calls).toEqual(["first"]);
  });

  it("in one folder, each audience gets its own result, never another's", async () => {
    const folder = await freshSharedFolder(join(await mkdtemp(join(tmpdir(), "shared-")), "page-shared"));
    const { calls, compute } = counter();
    const asked = ["public", "bureau", "school:3136000001", "school:3136000002", "public", "school:3136000001"];
    const results = [];
    for (const audience of asked) results.push(await sharedResult({ sharedFolder: folder, audience: parseAudience(audience) }, "counts", compute(audience)));
    expect(results.map((result) => result.value)).toEqual(asked);
    expect(calls).toEqual(["public", "bureau", "school:3136000001", "school:3136000002"]);
  });

  it("a new build's folder holds nothing of the last build's: the result is computed again", async () => {
    const folder = join(await mkdtemp(join(tmpdir(), "shared-")), "page-shared");
    const { calls, compute } = counter();
    const context = { sharedFolder: folder, audience: parseAudience("public") };
    await freshSharedFolder(folder);
    expect(await sharedResult(context, "counts", compute("last build"))).toEqual({ value: "last build" });
    await freshSharedFolder(folder);
    expect(await sharedResult(context, "counts", compute("this build"))).toEqual({ value: "this build" });
    expect(calls).toEqual(["last build", "this build"]);
  });

  it("without a folder (a loader run by hand, a test) every call computes", async () => {
    const { calls, compute } = counter();
    const context = { audience: parseAudience("public") };
    await sharedResult(context, "counts", compute("one"));
    await sharedResult(context, "counts", compute("two"));
    expect(calls).toEqual(["one", "two"]);
  });

  it.each([
    ["without a folder", false],
    ["with a folder, to the loader that computed it", true],
  ])("the result is what JSON gives back (%s), as every reader gets it", async (_, withFolder) => {
    const folder = withFolder ? await freshSharedFolder(join(await mkdtemp(join(tmpdir(), "shared-")), "page-shared")) : undefined;
    const result = await sharedResult({ sharedFolder: folder, audience: parseAudience("public") }, "counts", async () => ({ share: Number.NaN, gone: undefined, kept: [1, undefined] }));
    expect(result).toStrictEqual({ share: null, kept: [1, null] });
  });
});
