/**
 * The public site (the published annual summary) in real headless Chromium
 * (test/site/support/site-suite.ts: sent nothing, every page loads clean): no output file holds
 * a name, ID number or staff ID; the summary's print styles; a download opens in LibreOffice;
 * `cadreboard pdf` prints it on A4; a page opened from file:// says how to view it.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { withWatchedPage } from "./support/browser.ts";
import { filesOf, occurrences } from "./support/files.ts";
import { siteSuite } from "./support/site-suite.ts";
import { AS_OF, root } from "./support/sites.ts";

const suite = siteSuite("public");

describe("privacy: what a build leaves out is not in its files", () => {
  it("the public build holds no staff name, ID number or staff ID", async () => {
    const { dir, people } = suite.site;
    const files = await filesOf(dir);
    expect(occurrences(files, people.map((p) => p.name), "anywhere")).toEqual([]);
    expect(occurrences(files, people.map((p) => p.idNumber), "whole")).toEqual([]);
    expect(occurrences(files, people.map((p) => p.staffId), "whole")).toEqual([]);
  });
});

describe("in the public site", () => {
  it("the annual summary's print styles: no sidebar, selectors or buttons; no row or chart cut; headers repeated", async () => {
    await withWatchedPage(suite.browser, {}, async (watched) => {
      // every table and chart drawn: the print styles are read off all of them
      await watched.page.goto(`${suite.url}/summary`, { waitUntil: "networkidle" });
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
    });
  });
});

describe("what a bureau office files and a clerk opens", () => {
  it("a downloaded XLSX opens in LibreOffice with the cells the page shows: percents as percents", async () => {
    await withWatchedPage(suite.browser, { acceptDownloads: true }, async (watched) => {
      await watched.page.goto(`${suite.url}/summary`, { waitUntil: "load" });
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
    });
  }, 180_000);

  it("cadreboard pdf prints the public summary on A4: every sheet has the title, the as-of date, the fingerprint and its page number", async () => {
    const { fingerprint } = suite.site;
    const dir = await mkdtemp(join(tmpdir(), "pdf-"));
    const pdf = join(dir, "年度总结.pdf");
    const printed = spawnSync(process.execPath, ["bin/cadreboard.mjs", "pdf", "--page", "summary", "--site", suite.site.dir, "--out", pdf], {
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
    await withWatchedPage(suite.browser, {}, async (watched) => {
      await watched.page.goto(pathToFileURL(join(suite.site.dir, "summary.html")).href);
      const notice = watched.page.locator("p.file-notice");
      await notice.waitFor();
      const text = (await notice.textContent()) ?? "";
      expect(text).toContain(`npx cadreboard serve --dir "${suite.site.dir}"`);
      expect(text).toContain("http://127.0.0.1:3000/");
      expect(text.match(/。/g)).toHaveLength(1);
      expect(await watched.page.locator("h1").isVisible()).toBe(false);
    });
  });
});

/** A binary PGM (pdftoppm -gray): width, height and one byte per pixel. */
function parsePgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: new Uint8Array(bytes.subarray(whole.length)) };
}
