// Types for the browser module columns.js (plain JS so Framework bundles it as is).
import type { Column, Columns } from "../../src/site/frame.ts";

export function decodeColumn(column: Column): unknown[];
export function decodeColumns(columns: Columns): Record<string, unknown[]>;
export function rowsFromColumns(columns: Columns): Record<string, unknown>[];
