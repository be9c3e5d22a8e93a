/**
 * Helpers for SQL text generated from our own contract metadata (column names, code labels,
 * Chinese messages). Values read from a bureau's files never pass through here: those reach
 * DuckDB only as table cells or named parameters.
 */

/** A string constant of ours as a SQL literal. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** An identifier of ours (contract column names such as "round" are SQL keywords, so always quote). */
export const sqlName = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The Chinese label a clerk knows a column by: its first alias, else the English name. */
export const columnLabel = (column: { name: string; aliases: readonly string[] }): string =>
  column.aliases[0] ?? column.name;
