// Types for the browser module xlsx.js.
export function excelDate(text: string): number;
export function textWidth(text: string): number;
export function sheetNameOf(name: string): string;
export function xlsxWorkbook(workbook: {
  header: string[];
  rows: (string | number | null)[][];
  kinds?: string[];
  sheetName?: string;
  notes?: [string, string][];
  moreSheets?: { sheetName: string; header: string[]; rows: (string | number | null)[][]; kinds?: string[] }[];
}): Uint8Array;
