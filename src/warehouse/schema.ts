/**
 * The raw tables ingest writes and the staging models read: one per record file, named
 * `raw_<file>`, with the contract's columns typed and codes already mapped to their canonical
 * English value, plus the spreadsheet row each came from. Bookkeeping tables sit beside them.
 */
import { recordFiles, type ColumnSpec, type FileSpec, type ValueType } from "../contract.ts";

const sqlTypes: Record<ValueType, string> = {
  text: "varchar",
  integer: "integer",
  number: "double",
  date: "date",
  boolean: "boolean",
  code: "varchar",
  id_number: "varchar",
};

export const rawTableName = (file: FileSpec | FileSpec["name"]): string =>
  `raw_${typeof file === "string" ? file : file.name}`;

export const sqlType = (column: ColumnSpec): string => sqlTypes[column.type];

export function rawTableDdl(file: FileSpec): string {
  const columns = file.columns.map((column) => `  "${column.name}" ${sqlType(column)}`);
  return `create table ${rawTableName(file)} (\n${[...columns, `  "row_number" integer not null`].join(",\n")}\n)`;
}

/** Tables every warehouse has, whatever the input. */
export const bookkeepingDdl: readonly string[] = [
  // One row per rejected input row, and (v2) per optional cell emptied in a loaded row: the
  // contract's `rejects` table. action: 'row' (the row was not loaded) or 'cell' (it was, with
  // this cell left empty); only 'row' rejects count in load_files.rows_rejected.
  `create table raw_rejects (
    "file" varchar not null, "row_number" integer, "column" varchar, "value" varchar, "reason" varchar not null,
    "action" varchar not null default 'row' check ("action" in ('row', 'cell'))
  )`,
  // Cells of header columns the contract does not know: kept aside, not an error.
  `create table raw_extra_cells (
    "file" varchar not null, "row_number" integer not null, "column" varchar not null, "value" varchar
  )`,
  // One row per record file: read = loaded + rejected.
  `create table load_files (
    "file" varchar primary key, "source_path" varchar, "format" varchar, "encoding" varchar,
    "header_row" integer, "rows_read" bigint not null, "rows_loaded" bigint not null, "rows_rejected" bigint not null,
    "sha256" varchar
  )`,
  // Rows above a file's header (titles, export dates): skipped, not loaded, kept here so the
  // report can show what was skipped.
  `create table load_skipped_rows ("file" varchar not null, "row_number" integer not null, "reason" varchar not null, "text" varchar)`,
  // input_fingerprint: SHA-256 over every record file's name and bytes (see data-loaders/fingerprint.ts)
  `create table load_info (
    "loaded_at" timestamp not null, "data_dir" varchar, "cadreboard_version" varchar, "input_fingerprint" varchar
  )`,
];

/** When the data was loaded, in Beijing time (ingest stores UTC; China has one zone, UTC+8, without summer time), and the input fingerprint. */
export const loadInfoSql = `select strftime(max(loaded_at) + interval 8 hour, '%Y-%m-%d %H:%M') as loaded_at, max(input_fingerprint) as input_fingerprint from load_info`;

export const warehouseDdl = (): string[] => [...recordFiles.map(rawTableDdl), ...bookkeepingDdl];
