/**
 * Writes a table as the contract's CSV with DuckDB's own writer: UTF-8, header first, ISO dates,
 * true/false, empty for null, quotes only where a value needs them.
 */
import { queryJson, type Database } from "../warehouse/duckdb.ts";

/** A path of ours as a SQL string literal: DuckDB's ATTACH and COPY take no bound parameters. */
export const pathLiteral = (path: string): string => `'${path.replaceAll("'", "''")}'`;

export async function writeTableCsv(db: Database, table: string, path: string): Promise<number> {
  const name = `"${table.replaceAll('"', '""')}"`;
  await db.connection.run(`copy (select * from ${name}) to ${pathLiteral(path)} (format csv, header true, delimiter ',', quote '"', nullstr '')`);
  const [row] = await queryJson(db.connection, `select count(*)::integer as rows from ${name}`);
  return Number(row?.rows ?? 0);
}
