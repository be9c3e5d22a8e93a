/**
 * The bureau's built site in real headless Chromium (test/site/support/site-suite.ts: sent
 * nothing, every page loads clean): it holds the names the other builds leave out, hostile
 * names stay text, the school selector filters, tables download as XLSX and CSV, and the plan as
 * the CLI's workbook.
 */
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { withWatchedPage } from "./support/browser.ts";
import { filesOf, occurrences } from "./support/files.ts";
import { itDownloadsThePlan, siteSuite } from "./support/site-suite.ts";
import { AS_OF } from "./support/sites.ts";

const suite = siteSuite("bureau");

describe("privacy: what a build leaves out is not in its files", () => {
  it("the bureau build does have the names (the search in the public and school tests would find them)", async () => {
    const files = await filesOf(suite.site.dir);
    expect(occurrences(files, suite.site.hostile, "anywhere")).toHaveLength(2);
    expect(occurrences(files, suite.site.people.map((p) => p.staffId), "whole").length).toBeGreaterThan(0);
  });
});

describe("in the bureau site", () => {
  it("hostile names render as text, not as HTML", async () => {
    await withWatchedPage(suite.browser, {}, async (watched) => {
      await watched.page.goto(`${suite.url}/structure`, { waitUntil: "load" });
      await watched.page.waitForSelector("table.data tbody tr");
      for (const name of suite.site.hostile) {
        await expect.poll(() => watched.page.locator("td", { hasText: name }).count()).toBeGreaterThan(0);
      }
      expect(await watched.page.locator("table.data img").count()).toBe(0);
      expect(await watched.page.locator("table.data script").count()).toBe(0);
      expect(await watched.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(watched.consoleErrors).toEqual([]);
    });
  });

  it("the school selector changes what the cadre table shows", async () => {
    await withWatchedPage(suite.browser, {}, async (watched) => {
      await watched.page.goto(`${suite.url}/structure`, { waitUntil: "load" });
      const table = watched.page.locator(".table-block", { hasText: "在任干部名单" });
      await table.locator("tbody tr").first().waitFor();
      const rowsBefore = await table.locator("tbody tr").count();
      const schoolSelect = watched.page.locator('select[aria-label="学校"]');
      await schoolSelect.selectOption(suite.site.schoolId);
      await expect.poll(() => table.locator("tbody tr").count()).toBeLessThan(rowsBefore);
      const schoolCells = await table.locator("tbody tr td:nth-child(3)").allTextContents();
      expect(new Set(schoolCells).size).toBe(1);
    });
  });

  it("a table downloads as an XLSX that opens, and as a CSV with a BOM", async () => {
    const { fingerprint } = suite.site;
    await withWatchedPage(suite.browser, { acceptDownloads: true }, async (watched) => {
      await watched.page.goto(`${suite.url}/structure`, { waitUntil: "load" });
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
    });
  });
});

describe("what a bureau office files and a clerk opens", () => {
  itDownloadsThePlan(suite, "bureau");
});
