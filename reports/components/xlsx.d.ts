// Types for the browser module xlsx.js.
export function crc32(bytes: Uint8Array): number;
export function zipStore(files: { name: string; data: Uint8Array }[]): Uint8Array;
export function xlsxWorkbook(header: string[], rows: (string | number | null)[][], sheetName?: string): Uint8Array;
