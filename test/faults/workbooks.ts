/** XLSX fixtures built with exceljs for the fault tests (synthetic rows only). */
import ExcelJS from "exceljs";

export type Cell = string | number | Date | null | { error: string } | { formula: string; result: string };

export async function workbook(rows: readonly (readonly Cell[])[], options: { date1904?: boolean; merges?: string[] } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (options.date1904) book.properties.date1904 = true;
  const sheet = book.addWorksheet("Sheet1");
  rows.forEach((row, i) => {
    sheet.getRow(i + 1).values = row as ExcelJS.CellValue[];
  });
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  return Buffer.from(await book.xlsx.writeBuffer());
}
