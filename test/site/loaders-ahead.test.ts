/**
 * The page data loaders run ahead of `observable build`: each loader's stdout lands where
 * Framework looks for its output, a failing loader stops the build naming it, and nothing half
 * written is left for Framework to take as fresh.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPageLoadersAhead } from "../../src/site/loaders-ahead.ts";
import { root } from "./support/sites.ts";

async function projectWith(loaders: Record<string, string>): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), "loaders-ahead-"));
  await mkdir(join(project, "reports", "data"), { recursive: true });
  for (const [name, source] of Object.entries(loaders)) await writeFile(join(project, "reports", "data", name), source);
  return project;
}

const env = { ...process.env, PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`, PAGE_WORD: "从环境读到" };
const cacheOf = (project: string) => join(project, "reports", ".observablehq", "cache", "data");

describe("runPageLoadersAhead", () => {
  it("writes each loader's output where Framework keeps it, from the project root and with the environment given", async () => {
    const project = await projectWith({
      "a.json.ts": `process.stdout.write(JSON.stringify({ word: process.env.PAGE_WORD, cwd: process.cwd() }));`,
      "b.json.ts": `process.stderr.write("b: 1 KB in 2 ms\\n"); process.stdout.write("[1,2,3]");`,
      "c.json.ts": `process.stdout.write("{}");`,
      "notes.md": "not a loader",
    });
    const log: string[] = [];
    await runPageLoadersAhead(project, env, (line) => log.push(line), 2);
    expect((await readdir(cacheOf(project))).sort()).toEqual(["a.json", "b.json", "c.json"]);
    expect(JSON.parse(await readFile(join(cacheOf(project), "a.json"), "utf8"))).toEqual({ word: "从环境读到", cwd: project });
    expect(await readFile(join(cacheOf(project), "b.json"), "utf8")).toBe("[1,2,3]");
    expect(log).toContain("b: 1 KB in 2 ms");
    expect(log.at(-1)).toMatch(/^site: 3 page data loaders run, 2 at a time, in \d+\.\d s$/);
  });

  it("a loader that fails stops the build with its name and its message, and leaves no output for it", async () => {
    const project = await projectWith({
      "good.json.ts": `process.stdout.write("[]");`,
      "bad.json.ts": `process.stdout.write("[half"); console.error("marts 文件打不开"); process.exit(3);`,
    });
    await expect(runPageLoadersAhead(project, env, () => {}, 1)).rejects.toThrow(/data loader reports\/data\/bad\.json\.ts exited with 3\.\n[\s\S]*marts 文件打不开/);
    expect(await readdir(cacheOf(project))).not.toContain("bad.json");
    expect((await readdir(cacheOf(project))).filter((name) => name.includes("partial"))).toEqual([]);
  });
});
