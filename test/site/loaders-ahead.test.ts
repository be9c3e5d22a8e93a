/**
 * The page data computed ahead of `observable build`, in the build's process: each loader's
 * output lands where Framework looks for it, a failing page stops the build naming its loader,
 * and nothing half written is left for Framework to take as fresh. The site's own loader files
 * each name a page, and are the same file.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { siteEnvironment, type PageData } from "../../src/site/context.ts";
import { runPageLoadersAhead } from "../../src/site/loaders-ahead.ts";
import { loaderSuffix, pageDataByLoader, pageDataOf } from "../../src/site/page-loaders.ts";
import { openDatabase } from "../../src/warehouse/duckdb.ts";
import { root } from "./support/sites.ts";

/** A project folder with these loader files (their text is not run here) and a marts file with one table. */
async function projectWith(loaders: string[]): Promise<{ project: string; environment: NodeJS.ProcessEnv }> {
  const project = await mkdtemp(join(tmpdir(), "loaders-ahead-"));
  await mkdir(join(project, "reports", "data"), { recursive: true });
  for (const name of loaders) await writeFile(join(project, "reports", "data", name), "");
  const marts = join(project, "marts.duckdb");
  const db = await openDatabase(marts);
  await db.connection.run("create table schools as select * from (values ('S1', '城区实验小学'), ('S2', '乡村中心小学')) as t(school_id, name)");
  db.close();
  return { project, environment: { [siteEnvironment.marts]: marts, [siteEnvironment.audience]: "public", [siteEnvironment.asOf]: "2026-09-01" } };
}

const cacheOf = (project: string) => join(project, "reports", ".observablehq", "cache", "data");
const pages = (byName: Record<string, PageData>) => (loader: string) => byName[basename(loader, loaderSuffix)]!;

describe("runPageLoadersAhead", () => {
  it("writes each page's data where Framework keeps its loader's output, from the marts and settings given", async () => {
    const { project, environment } = await projectWith(["a.json.ts", "b.json.ts", "c.json.ts", "notes.md"]);
    const log: string[] = [];
    await runPageLoadersAhead(project, environment, (line) => log.push(line), {
      parallel: 2,
      pageDataOf: pages({
        a: async function aData(context) {
          return { audience: context.audience.kind, asOf: context.asOf, schools: await context.rows("select school_id from schools order by 1") };
        },
        b: async function bData() {
          return [1, 2, 3];
        },
        c: async function cData() {
          return {};
        },
      }),
    });
    expect((await readdir(cacheOf(project))).sort()).toEqual(["a.json", "b.json", "c.json"]);
    expect(JSON.parse(await readFile(join(cacheOf(project), "a.json"), "utf8"))).toEqual({ audience: "public", asOf: "2026-09-01", schools: [{ school_id: "S1" }, { school_id: "S2" }] });
    expect(await readFile(join(cacheOf(project), "b.json"), "utf8")).toBe("[1,2,3]");
    expect(log).toContainEqual(expect.stringMatching(/^bData: 0\.0 KB in \d+ ms$/));
    expect(log.at(-1)).toMatch(/^site: 3 page data loaders run, 2 at a time, in \d+\.\d s$/);
  });

  it("a page that fails stops the build with its loader's name and its message, and leaves no output for it", async () => {
    const { project, environment } = await projectWith(["bad.json.ts", "good.json.ts"]);
    const bad = async () => {
      throw new Error("marts 文件打不开");
    };
    await expect(runPageLoadersAhead(project, environment, () => {}, { parallel: 1, pageDataOf: pages({ bad, good: async () => [] }) }))
      .rejects.toThrow(/data loader reports\/data\/bad\.json\.ts: marts 文件打不开/);
    expect(await readdir(cacheOf(project))).toEqual([]);
  });

  it("a loader file that names no page stops the build before any page is computed", async () => {
    const { project, environment } = await projectWith(["overview.json.ts", "unknown.json.ts"]);
    await expect(runPageLoadersAhead(project, environment, () => {})).rejects.toThrow(/reports\/data\/unknown\.json\.ts names no page/);
    expect(await readdir(cacheOf(project))).toEqual([]);
  });
});

describe("the site's loader files", () => {
  it("are one per page listed in page-loaders.ts, each the same two lines naming itself", async () => {
    const files = (await readdir(join(root, "reports", "data"))).filter((name) => name.endsWith(loaderSuffix)).sort();
    expect(files.map((name) => name.slice(0, -loaderSuffix.length))).toEqual(Object.keys(pageDataByLoader).sort());
    for (const name of files) {
      expect(pageDataOf(join("reports", "data", name))).toBe(pageDataByLoader[name.slice(0, -loaderSuffix.length)]);
      expect(await readFile(join(root, "reports", "data", name), "utf8")).toBe('import { emitPageData } from "../../src/site/page-loaders.ts";\n\nawait emitPageData(import.meta.url);\n');
    }
  });
});
