// Types for the browser module export.js (plain JS so Framework bundles it as is).
export interface ExportColumn {
  key: string;
  label: string;
  num?: boolean;
  format?: (value: unknown, row: Record<string, unknown>) => string;
  exportValue?: (value: unknown, row: Record<string, unknown>) => unknown;
}
export function neutralise<T>(value: T): T;
export function cells(rows: Record<string, unknown>[], columns: ExportColumn[]): (string | number | null)[][];
export function toCsv(rows: Record<string, unknown>[], columns: ExportColumn[]): string;
export function toXlsx(rows: Record<string, unknown>[], columns: ExportColumn[], sheetName?: string): Uint8Array;
export function saveFile(data: string | Uint8Array, filename: string, type: string): void;
