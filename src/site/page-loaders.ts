/**
 * The page data loaders. reports/data/<page>.json.ts is the file Framework knows as the loader of
 * <page>.json; it only hands its own address to emitPageData, and the function that computes the
 * page's data is listed here, once. The site build computes every page's data itself, ahead of
 * Framework (loaders-ahead.ts); Framework runs a loader file only in preview.
 */
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { allowanceData } from "./allowance.ts";
import { openMarts, pageDataText, siteEnvironment, siteSetting, type PageData } from "./context.ts";
import { exitsData } from "./exits.ts";
import { outlookData } from "./outlook.ts";
import { overviewData } from "./overview.ts";
import { planData } from "./plan.ts";
import { qualityData } from "./quality.ts";
import { rotationData } from "./rotation.ts";
import { structureData } from "./structure.ts";
import { summaryData } from "./summary.ts";

export const loaderSuffix = ".json.ts";

/** Each page's data function, by the name of its loader file (without .json.ts). */
export const pageDataByLoader: Readonly<Record<string, PageData>> = {
  allowance: allowanceData,
  exits: exitsData,
  outlook: outlookData,
  overview: overviewData,
  plan: planData,
  quality: qualityData,
  rotation: rotationData,
  structure: structureData,
  summary: summaryData,
};

/** The data function of a loader file (its path or name). */
export function pageDataOf(loader: string): PageData {
  const name = basename(loader, loaderSuffix);
  const page = loader.endsWith(loaderSuffix) && Object.hasOwn(pageDataByLoader, name) ? pageDataByLoader[name] : undefined;
  if (!page) throw new Error(`site build: the data loader ${loader} names no page: list its data function in src/site/page-loaders.ts`);
  return page;
}

/** Framework's loader protocol, for a loader Framework runs itself: the page's JSON on stdout, the log on stderr. */
export async function emitPageData(loaderUrl: string): Promise<void> {
  const page = pageDataOf(fileURLToPath(loaderUrl));
  const db = await openMarts(siteSetting(process.env, siteEnvironment.marts));
  try {
    const { text, logLine } = await pageDataText(page, db, process.env);
    process.stdout.write(text);
    process.stderr.write(`${logLine}\n`);
  } finally {
    db.close();
  }
}
