/** A page-data context over a database the test built (marts from test/models/given.ts, or fixtures). */
import { parseAudience } from "../../../src/site/audience.ts";
import type { PageContext } from "../../../src/site/context.ts";
import { queryJson, type Database, type Params } from "../../../src/warehouse/duckdb.ts";

export const pageContext = (db: Database, audience: string, asOf: string): PageContext => ({
  audience: parseAudience(audience),
  asOf,
  connection: db.connection,
  rows: <T extends object>(sql: string, params?: Params) => queryJson(db.connection, sql, params) as Promise<T[]>,
});
