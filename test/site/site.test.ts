/**
 * The built sites, three audiences, in real headless Chromium: pages load with no console error
 * and no request leaving 127.0.0.1, pass axe-core's accessibility checks, charts render with a
 * text alternative, every page shows its provenance, selectors filter, downloads open (in
 * LibreOffice too), hostile names stay text, the summary prints to PDF, a page opened from
 * file:// says how to view it; and no output file of the public or school build holds what that
 * audience may not see, and the builds sent nothing anywhere.
 */
import axe from "axe-core";
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownFingerprint } from "../../data-loaders/fingerprint.ts";
import { planSheets } from "../../reports/components/plan-workbook.js";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";
import { launchBrowser, openWatchedPage } from "./support/browser.ts";
import { serveDirectory, type StaticServer } from "../../src/site/serve.ts";
import { AS_OF, buildTestSites, root, type Sites } from "./support/sites.ts";

const pages = ["/", "/structure", "/rotation", "/plan", "/allowance", "/exits", "/outlook", "/summary", "/quality"];
const chartPages = new Set(["/structure", "/rotation", "/plan", "/allowance", "/exits", "/outlook", "/summary", "/quality"]);
const audiences = ["bureau", "public", "school"] as const;

let sites: Sites;
let browser: Browser;
/** The first digits of the input fingerprint, as the warehouse the builds read holds it. */
let fingerprint: string;
const servers: Partial<Record<(typeof audiences)[number], StaticServer>> = {};

beforeAll(async () => {
  sites = await buildTestSites();
  console.info(`site tests: built from the ${sites.source}`);
  const warehouse = await openDatabase(join(root, ".cadreboard", "test-site", "warehouse.duckdb"), { readOnly: true });
  const reader = await warehouse.connection.runAndReadAll("select input_fingerprint from load_info");
  fingerprint = shownFingerprint(String(reader.getRowObjectsJson()[0]!.input_fingerprint));
  warehouse.close();
  browser = await launchBrowser();
  for (const audience of audiences) servers[audience] = await serveDirectory(sites.dirs[audience], { port: 0 });
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

it("the builds sent nothing: the telemetry listener got no request, and no notice, npm: resolution or outside URL was logged", () => {
  // test/site/telemetry.test.ts shows the listener does get Framework's events when it is not told to stay silent.
  expect(sites.telemetryRequests).toEqual([]);
  expect(sites.log.filter((line) => /telemetry/i.test(line))).toEqual([]);
  expect(sites.log.filter((line) => /npm:|https?:\/\/(?!127\.0\.0\.1)/.test(line))).toEqual([]);
  expect(sites.log.some((line) => line.includes("render /summary"))).toBe(true);
});

/** axe-core's violations on the page as it is now, critical and serious ones only. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(" | ")}`);
}

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
      await watched.page.waitForSelector("p.answer", { timeout: 60_000 });
      if (chartPages.has(path)) {
        await watched.page.waitForSelector(".chart svg", { timeout: 60_000 });
        expect(await watched.page.locator(".chart svg").count()).toBeGreaterThan(0);
      }
      // The headline sentence is filled in (not a NaN or an undefined).
      expect(await watched.page.locator("p.answer").first().textContent()).not.toMatch(/NaN|undefined|\[object/);
      await watched.page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0);
      // Where the numbers come from, on every page: as-of date, import time, input fingerprint.
      expect(await watched.page.locator("p.provenance").textContent()).toMatch(
        new RegExp(`^数据截至 ${AS_OF} · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 导入 · 数据指纹 ${fingerprint} · `),
      );
      // Every chart says what it shows, with its numbers, in words.
      for (const label of await watched.page.locator(".chart").evaluateAll((charts) => charts.map((chart) => chart.getAttribute("aria-label")))) {
        expect(label).toMatch(/^[^：]+：.*(\d|没有)/);
      }
      expect(await accessibilityViolations(watched.page)).toEqual([]);
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

  it("the annual summary's print styles: no sidebar, selectors or buttons; no row or chart cut; headers repeated", async () => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(`${servers.public!.url}/summary`, { waitUntil: "networkidle" });
      await watched.page.waitForSelector(".chart svg");
      await watched.page.emulateMedia({ media: "print" });
      expect(await watched.page.locator("#observablehq-sidebar").isVisible()).toBe(false);
      expect(await watched.page.locator(".table-tools").first().locator("button").first().isVisible()).toBe(false);
      expect(await watched.page.locator("select").first().isVisible()).toBe(false);
      expect(await watched.page.locator("button:visible").count()).toBe(0);
      const styles = await watched.page.evaluate(() => ({
        rows: [...document.querySelectorAll("table.data tr")].map((row) => getComputedStyle(row).breakInside),
        charts: [...document.querySelectorAll(".chart")].map((chart) => getComputedStyle(chart).breakInside),
        heads: [...document.querySelectorAll("table.data thead")].map((head) => getComputedStyle(head).display),
      }));
      expect(styles.rows.length).toBeGreaterThan(40);
      expect(new Set(styles.rows)).toEqual(new Set(["avoid"]));
      expect(new Set(styles.charts)).toEqual(new Set(["avoid"]));
      expect(new Set(styles.heads)).toEqual(new Set(["table-header-group"]));
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
      const [sheet, notes] = workbook.worksheets;
      expect(sheet!.getCell("A1").value).toBe("姓名");
      expect(sheet!.rowCount).toBe(rows + 1);
      expect(sheet!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(notes!.name).toBe("说明");
      expect(notes!.getColumn(2).values).toEqual(expect.arrayContaining([AS_OF, fingerprint, "教育局内部版"]));

      const [csv] = await Promise.all([watched.page.waitForEvent("download"), table.getByRole("button", { name: "下载 CSV" }).click()]);
      const bytes = await readFile((await csv.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [title, header] = bytes.toString("utf8").split("\r\n");
      expect(title).toMatch(new RegExp(`^\uFEFF在任干部名单：岗位、年龄与任职年限 · 数据截至 ${AS_OF} · .* 导入 · 数据指纹 ${fingerprint} · 教育局内部版$`));
      expect(header).toMatch(/^姓名,工号,学校/);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});

describe("what a bureau office files and a clerk opens", () => {
  it("a downloaded XLSX opens in LibreOffice with the cells the page shows: percents as percents", async () => {
    const watched = await openWatchedPage(browser, { acceptDownloads: true });
    try {
      await watched.page.goto(`${servers.public!.url}/summary`, { waitUntil: "networkidle" });
      const table = watched.page.locator(".table-block", { hasText: "全县历年交流轮岗" });
      await table.locator("tbody tr").first().waitFor();
      const shown = await table.locator("tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent ?? "")));
      const [download] = await Promise.all([watched.page.waitForEvent("download"), table.getByRole("button", { name: "下载 Excel" }).click()]);
      const dir = await mkdtemp(join(tmpdir(), "download-"));
      const file = join(dir, "rotation.xlsx");
      await writeFile(file, await readFile((await download.path())!));
      const converted = spawnSync("soffice", ["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, file], {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, HOME: dir },
      });
      expect(converted.status, converted.stderr).toBe(0);
      const cells = (await readFile(join(dir, "rotation.csv"), "utf8")).trim().split(/\r?\n/).map((line) => line.split(","));
      // The page writes thousands with a comma (1,234); the spreadsheet has the number itself.
      expect(cells).toEqual(shown.map((row) => row.map((text) => (/^[\d,]+$/.test(text) ? text.replaceAll(",", "") : text))));
      expect(cells.slice(1).every((row) => /^(\d+\.\d%|隐去)$/.test(row[3]!))).toBe(true);
    } finally {
      await watched.context.close();
    }
  }, 180_000);

  it.each(["bureau", "school"] as const)("the %s build's 交流方案 downloads the plan laid out as the CLI's workbook, with the moves it may see", async (audience) => {
    const marts = await openDatabase(join(root, ".cadreboard", "test-site", "marts.duckdb"), { readOnly: true });
    const moves = await queryJson(marts.connection, "select staff_id, from_school_id, to_school_id, school_year from rotation_plan");
    marts.close();
    const own = audience === "bureau" ? moves : moves.filter((move) => move.from_school_id === sites.schoolId || move.to_school_id === sites.schoolId);
    expect(own.length).toBeGreaterThan(0);
    const watched = await openWatchedPage(browser, { acceptDownloads: true });
    try {
      await watched.page.goto(`${servers[audience]!.url}/plan`, { waitUntil: "networkidle" });
      const [download] = await Promise.all([watched.page.waitForEvent("download"), watched.page.getByRole("button", { name: /下载交流方案/ }).click()]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await download.path())!);
      // the layout the CLI writes (src/plan/workbook.ts runs the same function)
      const layout = planSheets(Number(moves[0]!.school_year), new Map(), { rotation_plan: [], plan_checks: [], plan_unplaced: [] }, { names: new Map() });
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([layout.sheetName, ...layout.moreSheets.map((sheet) => sheet.sheetName), "说明"]);
      const [first] = workbook.worksheets;
      const header = (first!.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(layout.header);
      const column = (label: string) => (first!.getColumn(header.indexOf(label) + 1).values as unknown[]).slice(2).map(String);
      expect(column("工号").sort()).toEqual(own.map((move) => String(move.staff_id)).sort());
      expect(column("姓名").every((name) => name.length > 0)).toBe(true);
    } finally {
      await watched.context.close();
    }
  }, 180_000);

  it("cadreboard pdf prints the public summary on A4: every sheet has the title, the as-of date, the fingerprint and its page number", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pdf-"));
    const pdf = join(dir, "年度总结.pdf");
    const printed = spawnSync(process.execPath, ["bin/cadreboard.mjs", "pdf", "--page", "summary", "--site", sites.dirs.public, "--out", pdf], {
      cwd: root,
      encoding: "utf8",
      timeout: 180_000,
    });
    expect(printed.status, printed.stderr).toBe(0);
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/);
    const pageCount = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // The sample's summary: a chart and three tables over 40 schools and 11 school years.
    expect(pageCount).toBeGreaterThanOrEqual(3);
    expect(pageCount).toBeLessThanOrEqual(6);
    const pages = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout.split("\f").slice(0, pageCount);
    expect(pages).toHaveLength(pageCount);
    pages.forEach((text, i) => {
      expect(text).toContain("年度总结 · 县管校聘 人事数据看板");
      expect(text).toContain(`数据截至 ${AS_OF} · 数据指纹 ${fingerprint}`);
      expect(text).toContain(`第 ${i + 1} 页，共 ${pageCount} 页`);
      expect(text).toContain("公开版（仅汇总数据）");
      expect(text).not.toMatch(/下载 CSV|下载 Excel|打印 \/ 另存为/);
    });
    // The cadre table (a row per school) runs over a page break with its header repeated on each
    // sheet, up to the sheet where the next section begins.
    const cadreFrom = pages.findIndex((text) => text.includes("干部队伍：人数、年轻干部、平均年龄与任职年限"));
    const nextSection = pages.findIndex((text) => text.includes("下一轮聘任前"));
    expect(cadreFrom).toBeGreaterThanOrEqual(0);
    expect(nextSection - cadreFrom).toBeGreaterThanOrEqual(1);
    for (const text of pages.slice(cadreFrom, nextSection + 1)) expect(text).toContain("平均在本校年限");

    // The first sheet, rendered: print on it (text and a chart), and in both margins.
    const rendered = spawnSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "50", "-gray", pdf, join(dir, "page")], { encoding: "utf8" });
    expect(rendered.status, rendered.stderr).toBe(0);
    const image = parsePgm(await readFile(join(dir, (await readdir(dir)).find((name) => name.endsWith(".pgm"))!)));
    expect(image.width).toBeGreaterThan(400);
    const inked = (fromRow: number, toRow: number) => {
      let dark = 0;
      for (let y = fromRow; y < toRow; y++) for (let x = 0; x < image.width; x++) if (image.pixels[y * image.width + x]! < 160) dark++;
      return dark / ((toRow - fromRow) * image.width);
    };
    const margin = Math.round(image.height * 0.05);
    expect(inked(0, image.height)).toBeGreaterThan(0.02);
    expect(inked(0, image.height)).toBeLessThan(0.4);
    expect(inked(0, margin)).toBeGreaterThan(0.002);
    expect(inked(image.height - margin, image.height)).toBeGreaterThan(0.002);
  }, 240_000);

  it("a page opened from file:// says, in one sentence, how to view it, instead of a blank page", async () => {
    const watched = await openWatchedPage(browser);
    try {
      await watched.page.goto(pathToFileURL(join(sites.dirs.public, "summary.html")).href);
      const notice = watched.page.locator("p.file-notice");
      await notice.waitFor();
      const text = (await notice.textContent()) ?? "";
      expect(text).toContain(`npx cadreboard serve --dir "${sites.dirs.public}"`);
      expect(text).toContain("http://127.0.0.1:3000/");
      expect(text.match(/。/g)).toHaveLength(1);
      expect(await watched.page.locator("h1").isVisible()).toBe(false);
    } finally {
      await watched.context.close();
    }
  });
});

/** A binary PGM (pdftoppm -gray): width, height and one byte per pixel. */
function parsePgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: new Uint8Array(bytes.subarray(whole.length)) };
}
