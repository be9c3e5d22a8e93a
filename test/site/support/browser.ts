/**
 * Debian's Chromium through playwright-core, with every request that does not go to 127.0.0.1
 * aborted and recorded, and console errors collected: a page that reaches for the internet or
 * throws fails its test.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../../src/site/pdf.ts";

/** The same Chromium, with the same flags, as `cadreboard pdf`. */
export const launchBrowser = (): Promise<Browser> => launchChromium();

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  outsideRequests: string[];
}

export interface WatchedPageOptions {
  acceptDownloads?: boolean;
  width?: number;
}

/** Opens a watched page in a context of its own, runs `use` on it, and closes the context however `use` ends. */
export async function withWatchedPage<T>(browser: Browser, options: WatchedPageOptions, use: (watched: WatchedPage) => Promise<T>): Promise<T> {
  const watched = await openWatchedPage(browser, options);
  try {
    return await use(watched);
  } finally {
    await watched.context.close();
  }
}

/**
 * One watched tab for a run of tests that each go to a page in it, as a reader goes from page to
 * page: the tab's renderer and compiled scripts carry over, which took half the CPU of a fresh
 * context per page (9 bureau pages: 7.7 s against 16.5 s). `next()` gives each test an empty
 * record of console errors and outside requests; the caller closes `context` when done.
 */
export async function openWatchedTab(browser: Browser, options: WatchedPageOptions): Promise<WatchedPage & { next(): WatchedPage }> {
  const watched = await openWatchedPage(browser, options);
  return {
    ...watched,
    next: () => {
      watched.consoleErrors.length = 0;
      watched.outsideRequests.length = 0;
      return watched;
    },
  };
}

async function openWatchedPage(browser: Browser, options: WatchedPageOptions): Promise<WatchedPage> {
  const context = await browser.newContext({
    acceptDownloads: options.acceptDownloads ?? false,
    viewport: { width: options.width ?? 1366, height: 900 },
    locale: "zh-CN",
  });
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    // A page opened from the disk (file://) reads the disk: local too.
    if (url.protocol === "data:" || url.protocol === "blob:" || url.protocol === "file:" || url.hostname === "127.0.0.1") return route.continue();
    outsideRequests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  return { page, context, consoleErrors, outsideRequests };
}
