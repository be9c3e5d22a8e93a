/**
 * One audience's built site for a test file (test/site/site-<audience>.test.ts): built in
 * beforeAll, served on 127.0.0.1 and opened in headless Chromium. With the tests every build
 * gets: it sent nothing anywhere, its page data is what Framework's own run of a loader writes,
 * and every page loads with no console error and no outside request, renders, says where its
 * numbers come from and passes axe-core.
 *
 * One file per audience, so that vitest runs them beside the other test files instead of one
 * long serial file; the builds themselves take turns on the checkout's build lock.
 */
import axe from "axe-core";
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { planSheets } from "../../../reports/components/plan-workbook.js";
import { siteEnvironment } from "../../../src/site/context.ts";
import { serveDirectory, type StaticServer } from "../../../src/site/serve.ts";
import { openDatabase, queryJson } from "../../../src/warehouse/duckdb.ts";
import { launchBrowser, openWatchedTab, withWatchedPage } from "./browser.ts";
import { AS_OF, buildTestSite, martsFile, root, type Audience, type Site } from "./sites.ts";

const pages = ["/", "/structure", "/rotation", "/plan", "/allowance", "/exits", "/outlook", "/summary", "/quality"];
const chartPages = new Set(["/structure", "/rotation", "/plan", "/allowance", "/exits", "/outlook", "/summary", "/quality"]);

/** Filled in by beforeAll: read it inside tests only. */
export interface SiteSuite {
  site: Site;
  browser: Browser;
  /** The served site's address, without a trailing slash. */
  url: string;
}

export function siteSuite(audience: Audience): SiteSuite {
  const suite = {} as SiteSuite;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    suite.browser = await launchBrowser();
    suite.site = await buildTestSite(audience, inject("testRun"));
    console.info(`site tests: the ${audience} site built from the ${suite.site.source}`);
    server = await serveDirectory(suite.site.dir, { port: 0 });
    suite.url = server.url;
  }, 900_000);

  afterAll(async () => {
    await suite.browser?.close();
    await server?.close();
  });

  it(`the ${audience} build sent nothing: the telemetry listener got no request, and no notice, npm: resolution or outside URL was logged`, () => {
    // test/site/telemetry.test.ts shows the listener does get Framework's events when it is not told to stay silent.
    const { log, telemetryRequests } = suite.site;
    expect(telemetryRequests).toEqual([]);
    expect(log.filter((line) => /telemetry/i.test(line))).toEqual([]);
    expect(log.filter((line) => /npm:|https?:\/\/(?!127\.0\.0\.1)/.test(line))).toEqual([]);
    expect(log.some((line) => line.includes("render /summary"))).toBe(true);
  });

  it.each([
    ["structure-counts", 2, "干部结构's counts: 总览 and 年度总结 read them"],
    ["round-counts", 1, "交流轮岗's rounds: 年度总结 reads them"],
  ])(`the ${audience} build computed %s once and read it %i times from the build's folder (%s)`, (name, reads) => {
    const lines = suite.site.log.filter((line) => line.startsWith(`shared ${name}: `));
    expect(lines.filter((line) => line.startsWith(`shared ${name}: computed in `))).toHaveLength(1);
    expect(lines.filter((line) => line === `shared ${name}: read`)).toHaveLength(reads);
  });

  it(`the ${audience} build's 总览 data is the bytes its loader file writes when Framework runs it`, async () => {
    // The build computes every page's data in its own process (src/site/loaders-ahead.ts); 总览's
    // loader also reads a result shared with other pages, which it computes alone here.
    const { dir, audienceFlag } = suite.site;
    const [built] = (await readdir(join(dir, "_file", "data"))).filter((name) => name.startsWith("overview."));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join("reports", "data", "overview.json.ts")], {
      cwd: root,
      env: {
        ...process.env,
        [siteEnvironment.marts]: martsFile,
        [siteEnvironment.audience]: audienceFlag,
        [siteEnvironment.asOf]: AS_OF,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toBe(await readFile(join(dir, "_file", "data", built!), "utf8"));
  });

  describe(`the ${audience} site in Chromium`, () => {
    let tab: Awaited<ReturnType<typeof openWatchedTab>> | undefined;
    beforeAll(async () => {
      tab = await openWatchedTab(suite.browser, {});
    });
    afterAll(async () => {
      await tab?.context.close();
    });

    it.each(pages)("%s loads with no console error, no outside request, and renders", async (path) => {
      const watched = tab!.next();
      // "load", not "networkidle": waiting for half a second of quiet after every navigation was
      // idle time on a busy core; the quiet is awaited below, by when axe has long given it.
      await watched.page.goto(`${suite.url}${path}`, { waitUntil: "load" });
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
        new RegExp(`^数据截至 ${AS_OF} · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 导入 · 数据指纹 ${suite.site.fingerprint} · `),
      );
      // Every chart says what it shows, with its numbers, in words.
      for (const label of await watched.page.locator(".chart").evaluateAll((charts) => charts.map((chart) => chart.getAttribute("aria-label")))) {
        expect(label).toMatch(/^[^：]+：.*(\d|没有)/);
      }
      expect(await accessibilityViolations(watched.page)).toEqual([]);
      expect(await watched.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      await watched.page.waitForLoadState("networkidle");
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.outsideRequests).toEqual([]);
    });
  });

  return suite;
}

/** axe-core's violations on the page as it is now, critical and serious ones only. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(" | ")}`);
}

/** The bureau's and a school's 交流方案: the plan downloads as the CLI's workbook, with the moves that build may see. */
export function itDownloadsThePlan(suite: SiteSuite, audience: "bureau" | "school"): void {
  it(`the ${audience} build's 交流方案 downloads the plan laid out as the CLI's workbook, with the moves it may see`, async () => {
    const marts = await openDatabase(martsFile, { readOnly: true });
    const moves = await queryJson(marts.connection, "select staff_id, from_school_id, to_school_id, school_year from rotation_plan");
    marts.close();
    const { schoolId } = suite.site;
    const own = audience === "bureau" ? moves : moves.filter((move) => move.from_school_id === schoolId || move.to_school_id === schoolId);
    expect(own.length).toBeGreaterThan(0);
    await withWatchedPage(suite.browser, { acceptDownloads: true }, async (watched) => {
      await watched.page.goto(`${suite.url}/plan`, { waitUntil: "load" });
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
    });
  }, 180_000);
}
