/**
 * `cadreboard pdf`: one page of a built site printed to an A4 PDF by the system's Chromium, the
 * way a clerk's "打印 / 另存为 PDF" would, with the page's print styles (reports/style.css) and
 * its margins (title, as-of date, fingerprint, page numbers: src/site/chrome.ts).
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { SetupError } from "../errors.ts";
import { serveDirectory } from "./serve.ts";

export const chromiumPath = (env: Readonly<Record<string, string | undefined>> = process.env): string => env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Flags that keep Chromium from reaching for the internet (updates, sync, safe browsing lists). */
export const quietChromiumFlags = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"];

/** The page's layout width in CSS pixels: A4's 210 mm less 12 mm margins each side, at 96 px per inch. */
const A4_CONTENT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);

export async function launchChromium(executablePath = chromiumPath()): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new SetupError(
      `pdf: no Chromium at ${executablePath}. Install Debian's package "chromium" (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH to a Chromium or Chrome program.`,
    );
  }
  const { chromium } = await import("playwright-core");
  // --no-sandbox: Chromium refuses to start its sandbox as root, which is how CI and many servers run.
  return chromium.launch({ executablePath, args: ["--no-sandbox", ...quietChromiumFlags] });
}

export interface PrintOptions {
  /** A built site (the output folder of `cadreboard build`). */
  siteDir: string;
  /** The page's file name without .html: summary, rotation, index … */
  page: string;
  out: string;
}

/** Prints the page once every cell has rendered; returns the PDF's path. Nothing outside 127.0.0.1 is fetched. */
export async function printPage(options: PrintOptions): Promise<string> {
  const out = resolve(options.out);
  const server = await serveDirectory(options.siteDir, { port: 0 });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: A4_CONTENT_WIDTH, height: 1100 }, locale: "zh-CN" });
    await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/${options.page === "index" ? "" : options.page}`, { waitUntil: "networkidle" });
    // Framework shows <observablehq-loading> until a cell has its value; charts render after that.
    await page.waitForFunction(
      () => document.querySelectorAll("observablehq-loading").length === 0 && [...document.querySelectorAll(".chart")].every((chart) => chart.querySelector("svg")),
      undefined,
      { timeout: 60_000 },
    );
    await page.evaluate(() => document.fonts.ready);
    if (errors.length > 0) throw new Error(`pdf: the page ${options.page} failed in the browser: ${errors.join("; ")}`);
    await page.emulateMedia({ media: "print" });
    await mkdir(dirname(out), { recursive: true });
    const temp = `${out}.tmp`;
    await page.pdf({ path: temp, preferCSSPageSize: true, printBackground: true });
    await rename(temp, out);
    return out;
  } finally {
    await browser?.close();
    await server.close();
    await rm(`${out}.tmp`, { force: true });
  }
}
