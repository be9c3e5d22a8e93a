/**
 * A small table read whole into memory (a bureau's rotation plan: a few hundred rows), by the
 * same readers and header finder as ingest: prepareCsv's encoding detection (UTF-8 with or
 * without BOM, GB18030, UTF-16) and delimiter, the RFC 4180 record parser, readXlsxRows for the
 * first worksheet, and resolveHeader for a header under title rows or split over two rows.
 * Row numbers are what a spreadsheet shows. Record files go through text-table.ts instead: they
 * can be too large for memory and are typed in DuckDB.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { InputError } from "../src/errors.ts";
import { prepareCsv, type CsvEncoding } from "./csv-source.ts";
import { parseLeadingRecords } from "./csv-text.ts";
import { HEADER_SEARCH_ROWS, resolveHeader, type HeaderSpec, type ResolvedHeader } from "./headers.ts";
import { assertWorkbook, guardStalls, readXlsxRows, StalledReadError, type SheetRow } from "./xlsx-source.ts";

export interface SmallTable {
  fileName: string;
  encoding: CsvEncoding | "xlsx";
  header: ResolvedHeader;
  /** The rows below the header, blank rows left out, each with its spreadsheet row number. */
  rows: SheetRow[];
}

export async function readSmallTable(path: string, spec: HeaderSpec): Promise<SmallTable> {
  const fileName = basename(path);
  const format = /\.(csv|xlsx)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (format === "csv") return readCsv(path, fileName, spec);
  if (format === "xlsx") return readXlsx(path, fileName, spec);
  throw new InputError(
    `无法读取 ${fileName}：只能读取 CSV 或 Excel 工作簿（.xlsx）。请用 Excel 或 WPS 另存为其中一种后再试 (file ${fileName}: not .csv or .xlsx)`,
    { file: fileName },
  );
}

function table(fileName: string, encoding: SmallTable["encoding"], spec: HeaderSpec, all: SheetRow[]): SmallTable {
  const leading = all.slice(0, HEADER_SEARCH_ROWS);
  const header = resolveHeader(spec, leading.map((row) => row.cells), fileName, (i) => leading[i]!.rowNumber);
  const rows = all.slice(header.lastIndex + 1).filter((row) => row.cells.some((cell) => (cell ?? "").trim() !== ""));
  return { fileName, encoding, header, rows };
}

async function readCsv(path: string, fileName: string, spec: HeaderSpec): Promise<SmallTable> {
  const tempDir = await mkdtemp(join(tmpdir(), "cadreboard-table-"));
  try {
    const csv = await prepareCsv(path, fileName, tempDir);
    const text = await readFile(csv.readPath, "utf8");
    // Every record, blank lines included, is one spreadsheet row: record i is row i + 1.
    const records = parseLeadingRecords(text, csv.delimiter, Number.POSITIVE_INFINITY);
    return table(fileName, csv.encoding, spec, records.map((record, i) => ({ rowNumber: i + 1, cells: record.cells })));
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function readXlsx(path: string, fileName: string, spec: HeaderSpec): Promise<SmallTable> {
  await assertWorkbook(path, fileName);
  const rows: SheetRow[] = [];
  try {
    for await (const row of guardStalls(readXlsxRows(path))) rows.push(row);
  } catch (error) {
    throw new InputError(
      `无法读取 ${fileName}：${error instanceof StalledReadError ? "工作簿已损坏，读到一半停住了" : String((error as Error).message).split("\n")[0]}。` +
        `请确认它是 Excel 工作簿（.xlsx），用 Excel 或 WPS 打开后另存再试 (file ${fileName}: unreadable XLSX)`,
      { file: fileName },
    );
  }
  return table(fileName, "xlsx", spec, rows);
}
