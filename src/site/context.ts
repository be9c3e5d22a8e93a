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
 * file: that module brings in the models and the plan's solver, and every loader is a process of
 * its own that would load them for nothing (0.3 s each, nine times a build).
 */
export const openMarts = (path: string): Promise<Database> => openDatabase(path, { readOnly: true });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: page data loaders run inside "npm run build", which sets it.`);
  return value;
}

/** Runs one page's data function and writes its JSON to stdout (Framework's loader protocol); logs go to stderr. */
export async function emitPageData(page: (context: PageContext) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const db = await openMarts(required(siteEnvironment.marts));
  try {
    const context: PageContext = {
      audience: parseAudience(required(siteEnvironment.audience)),
      asOf: required(siteEnvironment.asOf),
      connection: db.connection,
      sharedFolder: process.env[siteEnvironment.sharedFolder] || undefined,
      rows: <T extends object>(sql: string, params?: Params) => queryJson(db.connection, sql, params) as Promise<T[]>,
    };
    const data = await page(context);
    const text = JSON.stringify(data);
    process.stdout.write(text);
    process.stderr.write(`${page.name}: ${(text.length / 1024).toFixed(1)} KB in ${Math.round(performance.now() - started)} ms\n`);
  } finally {
    db.close();
  }
}
