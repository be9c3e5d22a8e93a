/**
 * The built sites, three audiences, in real headless Chromium: pages load with no console error
 * and no request leaving 127.0.0.1, charts render, selectors filter, downloads open, hostile names
 * stay text; and no output file of the public or school build holds what that audience may not see.
 */
import ExcelJS from "exceljs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openWatchedPage } from "./support/browser.ts";
import { serveDirectory, type StaticServer } from "./support/serve.ts";
import { buildTestSites, type Sites } from "./support/sites.ts";

const pages = ["/", "/structure", "/rotation", "/allowance", "/exits", "/summary", "/quality"];
const chartPages = new Set(["/structure", "/rotation", "/allowance", "/exits", "/summary", "/quality"]);
const audiences = ["bureau", "public", "school"] as const;

let sites: Sites;
let browser: Browser;
const servers: Partial<Record<(typeof audiences)[number], StaticServer>> = {};

beforeAll(async () => {
  sites = await buildTestSites();
  console.info(`site tests: built from the ${sites.source}`);
  browser = await launchBrowser();
  for (const audience of audiences) servers[audience] = await serveDirectory(sites.dirs[audience]);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

async function filesOf(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, "utf8") })));
}

/**
 * Files holding a value. Match "anywhere": the raw text or its JSON-escaped form anywhere in a file
 * (strictest). Match "whole": a staff ID or ID number not inside a longer one, or a name as a whole
 * JSON string value ("陈勇" must not match 陈勇军).
 */
function occurrences(files: { path: string; text: string }[], values: string[], match: "anywhere" | "whole" | "json-value"): string[] {
  const found: string[] = [];
  for (const value of values.filter(Boolean)) {
    const json = JSON.stringify(value);
    const forms = [...new Set([value, json.slice(1, -1)])];
    const pattern =
      match === "json-value"
        ? new RegExp(escape(json))
        : new RegExp(forms.map((form) => (match === "whole" ? `(?<![0-9A-Za-z])${escape(form)}(?![0-9A-Za-z])` : escape(form))).join("|"));
    const hit = files.find((file) => pattern.test(file.text));
    if (hit) found.push(`${value} in ${hit.path}`);
  }
  return found;
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

it("the builds fetched nothing: no npm: resolution, no URL in Framework's log", () => {
  expect(sites.log.filter((line) => /npm:|https?:\/\//.test(line))).toEqual([]);
  expect(sites.log.some((line) => line.includes("render /summary"))).toBe(true);
});

describe("privacy: what a build leaves out is not in its files", () => {
  it("the public build holds no staff name, ID number or staff ID", async () => {
    const files = await filesOf(sites.dirs.public);
    expect(occurrences(files, sites.people.map((p) => p.name), "anywhere")).toEqual([]);
    expect(occurrences(files, sites.people.map((p) => p.idNumber), "whole")).toEqual([]);
    expect(occurrences(files, sites.people.map((p) => p.staffId), "whole")).toEqual([]);
  });

  it("a school build holds no one from other schools, and no ID numbers at all", async () => {
    const files = await filesOf(sites.dirs.school);
    const others = sites.people.filter((p) => !p.schools.has(sites.schoolId));
    expect(others.length).toBeGreaterThan(0);
    expect(occurrences(files, others.map((p) => p.staffId), "whole")).toEqual([]);
    expect(occurrences(files, sites.people.map((p) => p.idNumber), "whole")).toEqual([]);
    // Names are not unique: someone elsewhere may share a name with someone at this school, and
    // that name is rightly in the build. The staff ID check above is the exact one.
    const ownNames = new Set(sites.people.filter((p) => p.schools.has(sites.schoolId)).map((p) => p.name));
    expect(occurrences(files, others.map((p) => p.name).filter((name) => !ownNames.has(name)), "json-value")).toEqual([]);
  });

  it("the bureau build does have the names (the search above would find them)", async () => {
    const files = await filesOf(sites.dirs.bureau);
    expect(occurrences(files, sites.hostile, "anywhere")).toHaveLength(2);
    expect(occurrences(files, sites.people.map((p) => p.staffId), "whole").length).toBeGreaterThan(0);
  });
});

describe.each(audiences)("the %s site in Chromium", (audience) => {
  it.each(pages)("%s loads with no console error, no outside request, and renders", async (path) => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(`${servers[audience]!.url}${path}`, { waitUntil: "networkidle" });
      await watched.page.waitForSelector("p.answer", { timeout: 15_000 });
      if (chartPages.has(path)) {
        await watched.page.waitForSelector(".chart svg", { timeout: 15_000 });
        expect(await watched.page.locator(".chart svg").count()).toBeGreaterThan(0);
      }
      // The headline sentence is filled in (not a NaN or an undefined).
      expect(await watched.page.locator("p.answer").first().textContent()).not.toMatch(/NaN|undefined|\[object/);
      expect(await watched.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.outsideRequests).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});

describe("in the bureau site", () => {
  it("hostile names render as text, not as HTML", async () => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(`${servers.bureau!.url}/structure`, { waitUntil: "networkidle" });
      await watched.page.waitForSelector("table.data tbody tr");
      for (const name of sites.hostile) {
        await expect.poll(() => watched.page.locator("td", { hasText: name }).count()).toBeGreaterThan(0);
      }
      expect(await watched.page.locator("table.data img").count()).toBe(0);
      expect(await watched.page.locator("table.data script").count()).toBe(0);
      expect(await watched.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });

  it("the school selector changes what the cadre table shows", async () => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(`${servers.bureau!.url}/structure`, { waitUntil: "networkidle" });
      const table = watched.page.locator(".table-block", { hasText: "在任干部名单" });
      await table.locator("tbody tr").first().waitFor();
      const rowsBefore = await table.locator("tbody tr").count();
      const schoolSelect = watched.page.locator('select[aria-label="学校"]');
      await schoolSelect.selectOption(sites.schoolId);
      await expect.poll(() => table.locator("tbody tr").count()).toBeLessThan(rowsBefore);
      const schoolCells = await table.locator("tbody tr td:nth-child(3)").allTextContents();
      expect(new Set(schoolCells).size).toBe(1);
    } finally {
      await watched.context.close();
    }
  });

  it("the annual summary prints on A4 without the sidebar, selectors or buttons", async () => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(`${servers.public!.url}/summary`, { waitUntil: "networkidle" });
      await watched.page.waitForSelector(".chart svg");
      await watched.page.emulateMedia({ media: "print" });
      expect(await watched.page.locator("#observablehq-sidebar").isVisible()).toBe(false);
      expect(await watched.page.locator(".table-tools").first().isVisible()).toBe(false);
      expect(await watched.page.locator("select").first().isVisible()).toBe(false);
      const pdf = await watched.page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await watched.context.close();
    }
  });

  it("a table downloads as an XLSX that opens, and as a CSV with a BOM", async () => {
    const watched = await openWatchedPage(browser, { acceptDownloads: true });
    try {
      await watched.page.goto(`${servers.bureau!.url}/structure`, { waitUntil: "networkidle" });
      const table = watched.page.locator(".table-block", { hasText: "在任干部名单" });
      await table.locator("tbody tr").first().waitFor();
      const shown = (await table.locator(".table-tools span").textContent()) ?? "";
      const rows = Number(/共 (\d+) 行/.exec(shown)?.[1]);

      const [xlsx] = await Promise.all([watched.page.waitForEvent("download"), table.getByRole("button", { name: "下载 Excel" }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await xlsx.path())!);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getCell("A1").value).toBe("姓名");
      expect(sheet.rowCount).toBe(rows + 1);

      const [csv] = await Promise.all([watched.page.waitForEvent("download"), table.getByRole("button", { name: "下载 CSV" }).click()]);
      const bytes = await readFile((await csv.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString("utf8").split("\r\n")[0]).toMatch(/^\uFEFF姓名,工号,学校/);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});
