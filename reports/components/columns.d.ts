// Types for the browser module columns.js (plain JS so Framework bundles it as is). The row type
// travels with the columns (src/site/frame.ts): what a builder wrote is what a reader gets.
import type { Column, Columns } from "../../src/site/frame.ts";

export function decodeColumn(column: Column): unknown[];
export function decodeColumns<T extends object>(columns: Columns<T>): { [K in keyof T]: T[K][] };
export function rowsFromColumns<T extends object>(columns: Columns<T>): T[];
