/**
 * What every page data loader gets: the marts (read-only), the audience and the as-of date.
 * The build script passes them to `observable build` through the environment; a loader run by
 * hand (`npx tsx reports/data/overview.json.ts`) needs the same three variables. The build also
 * names the folder where loaders share what several of them need (src/site/shared.ts).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDatabase, queryJson, type Database, type Params } from "../warehouse/duckdb.ts";
import { parseAudience, type Audience } from "./audience.ts";

export interface PageContext {
  audience: Audience;
  asOf: string;
  /**
   * Rows of a query on the marts, JSON-friendly (numbers, strings, booleans, null). T names the
   * columns the query selects (a page's row type); the query is what makes it true.
   */
  rows<T extends object = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  connection: DuckDBConnection;
  /** The build's folder of results computed once for several pages (sharedResult); none: each computes its own. */
  sharedFolder?: string | undefined;
}

export const siteEnvironment = {
  marts: "CADREBOARD_MARTS",
  audience: "CADREBOARD_AUDIENCE",
  asOf: "CADREBOARD_AS_OF",
  sharedFolder: "CADREBOARD_PAGE_SHARED",
} as const;

/**
 * The marts file, read-only. Here rather than beside snapshotMarts (marts.ts), which makes the
 * file: that module brings in the models and the plan's solver, which a loader that Framework runs
 * as a process of its own would load for nothing (0.3 s).
 */
export const openMarts = (path: string): Promise<Database> => openDatabase(path, { readOnly: true });

/** The function that computes a page's data: reports/data/<page>.json.ts names it (page-loaders.ts). */
export type PageData = (context: PageContext) => Promise<unknown>;

/** A setting the site build passes to the loaders (siteEnvironment). */
export function siteSetting(environment: NodeJS.ProcessEnv, name: string): string {
  const value = environment[name];
  if (!value) throw new Error(`${name} is not set: page data loaders run inside "npm run build", which sets it.`);
  return value;
}

/** The context a page's data function gets, on the marts `db` opened, from the build's settings. */
export function contextFromEnvironment(db: Database, environment: NodeJS.ProcessEnv): PageContext {
  return {
    audience: parseAudience(siteSetting(environment, siteEnvironment.audience)),
    asOf: siteSetting(environment, siteEnvironment.asOf),
    connection: db.connection,
    sharedFolder: environment[siteEnvironment.sharedFolder] || undefined,
    rows: <T extends object>(sql: string, params?: Params) => queryJson(db.connection, sql, params) as Promise<T[]>,
  };
}

/** A page's data as its loader outputs it (JSON text), with the line the build logs for it. */
export async function pageDataText(page: PageData, db: Database, environment: NodeJS.ProcessEnv): Promise<{ text: string; logLine: string }> {
  const started = performance.now();
  const text = JSON.stringify(await page(contextFromEnvironment(db, environment)));
  return { text, logLine: `${page.name}: ${(text.length / 1024).toFixed(1)} KB in ${Math.round(performance.now() - started)} ms` };
}
