/**
 * The one module that opens DuckDB. Values reach SQL only as named parameters ($as_of), never
 * pasted into the text.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SetupError } from "../errors.ts";

export type Params = Record<string, DuckDBValue>;

export interface Database {
  connection: DuckDBConnection;
  close(): void;
}

/**
 * The memory DuckDB may hold before it spills to disk. Left to itself it takes 80 % of the
 * machine's RAM; a province's load then peaks at several GB, more than an office PC with 8 GB can
 * spare beside its other work. Set CADREBOARD_MEMORY_LIMIT (DuckDB's notation: "4GB") to change it.
 */
export const memoryLimit = process.env.CADREBOARD_MEMORY_LIMIT || "1GB";

/**
 * A DuckDB error that says the memory limit was reached, as the problem a user can fix; null for
 * any other error. Without it a read that ran out of memory would read as a broken file.
 */
export function outOfMemory(error: unknown): SetupError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Out of Memory Error/i.test(message)) return null;
  return new SetupError(
    `DuckDB reached the memory it may use (CADREBOARD_MEMORY_LIMIT=${memoryLimit}): ${message.split("\n")[0]}. ` +
      `Set CADREBOARD_MEMORY_LIMIT higher, e.g. CADREBOARD_MEMORY_LIMIT=4GB, and run again（内存上限不足：请设置更大的 CADREBOARD_MEMORY_LIMIT，如 4GB，再运行）`,
  );
}

let openedInMemory = 0;

export interface OpenOptions {
  readOnly?: boolean;
  /** Instead of memoryLimit; null leaves DuckDB's own default (the benchmark's scan floor). */
  memoryLimit?: string | null;
  /**
   * DuckDB's worker threads (default: one per core). The model tests' databases hold a few rows,
   * where starting the threads costs more than they save.
   */
  threads?: number;
}

export async function openDatabase(path = ":memory:", options: OpenOptions = {}): Promise<Database> {
  // An in-memory database spills into a folder of its own under the system's temp folder, not
  // DuckDB's default `.tmp` in whatever folder the user ran the command from.
  const spill = path === ":memory:" ? join(tmpdir(), `cadreboard-duckdb-${process.pid}-${openedInMemory++}`) : null;
  const instance = await DuckDBInstance.create(path, {
    ...(options.memoryLimit === null ? {} : { memory_limit: options.memoryLimit ?? memoryLimit }),
    ...(spill ? { temp_directory: spill } : {}),
    ...(options.readOnly ? { access_mode: "READ_ONLY" } : {}),
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
      if (spill) rmSync(spill, { recursive: true, force: true });
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

/**
 * `($1, $2), ($3, $4)`: the placeholders of a multi-row insert of `rows` rows of `width` values,
 * numbered row by row, each followed by its column's cast (`::date`) when one is given.
 */
export function valuesPlaceholders(rows: number, width: number, casts: readonly string[] = []): string {
  return Array.from({ length: rows }, (_, row) =>
    `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}${casts[column] ?? ""}`).join(", ")})`,
  ).join(", ");
}
