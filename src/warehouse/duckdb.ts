/**
 * The one module that opens DuckDB. Values reach SQL only as named parameters ($as_of), never
 * pasted into the text.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";

export type Params = Record<string, DuckDBValue>;

export interface Database {
  connection: DuckDBConnection;
  close(): void;
}

export async function openDatabase(path = ":memory:", options: { readOnly?: boolean } = {}): Promise<Database> {
  const instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: "READ_ONLY" } : {});
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs a statement and returns its rows as plain objects (bigints kept as bigint). */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  params?: Params,
): Promise<Record<string, DuckDBValue>[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjects();
}

/** Same as queryRows, with values converted to JSON-friendly numbers, strings and booleans. */
export async function queryJson(
  connection: DuckDBConnection,
  sql: string,
  params?: Params,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}
