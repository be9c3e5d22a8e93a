// Types for the browser module export.js (plain JS so Framework bundles it as is).
import type { Provenance } from "../../src/site/provenance.ts";

export interface ExportColumn {
  key: string;
  label: string;
  num?: boolean;
  format?: (value: unknown, row: Record<string, unknown>) => string;
  exportValue?: (value: unknown, row: Record<string, unknown>) => unknown;
}
/** What the page's <meta> carries: the provenance and its one-line text. */
export type PageProvenance = Provenance & { text: string };
export interface About {
  caption?: string;
  provenance?: PageProvenance | null;
}
export function percent(value: unknown): string;
export function columnKinds(rows: Record<string, unknown>[], columns: ExportColumn[]): ("percent" | "date" | "value")[];
export function neutralise<T>(value: T): T;
export function cells(rows: Record<string, unknown>[], columns: ExportColumn[]): (string | number | null)[][];
export function toCsv(rows: Record<string, unknown>[], columns: ExportColumn[], about?: About): string;
export function toXlsx(rows: Record<string, unknown>[], columns: ExportColumn[], about?: About): Uint8Array;
export function provenanceNotes(caption: string | undefined, provenance: PageProvenance): [string, string][];
export function pageProvenance(doc?: Document): PageProvenance | null;
export function saveFile(data: string | Uint8Array, filename: string, type: string): void;
