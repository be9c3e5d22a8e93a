/**
 * Step one of a load: a record file → a temporary all-text table `txt_<file>` with one varchar
 * column per header cell (c0, c1, …) plus `c_overflow` for cells beyond the header, in file order.
 * Typing and validation happen afterwards, set-based, in SQL (validate.ts).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InputError } from "../src/errors.ts";
import { outOfMemory } from "../src/warehouse/duckdb.ts";
import { prepareCsv, type CsvEncoding } from "./csv-source.ts";
import type { SourceFile } from "./find-files.ts";
import { HEADER_SEARCH_ROWS, resolveHeader, type HeaderMapping } from "./headers.ts";
import { sqlString } from "./sql-text.ts";
import { assertWorkbook, guardStalls, readXlsxRows, StalledReadError } from "./xlsx-source.ts";

export interface TextTable {
  table: string;
  /** Header cells: the table has columns c0 … c{width-1}. */
  width: number;
  /** SQL giving each row's spreadsheet row number (header is row 1 unless a title sits above it). */
  rowNumberSql: string;
  headerRow: number;
  mapping: HeaderMapping;
  encoding: CsvEncoding | "xlsx";
  /** Non-empty rows above the header (titles, export dates): skipped, and reported. */
  titleRows: { row: number; text: string }[];
  /** A workbook saved with Excel's 1904 date system counts serial days from 1904-01-01. */
  date1904: boolean;
}

export const cellColumn = (index: number): string => `c${index}`;
export const OVERFLOW_COLUMN = "c_overflow";

/** DuckDB's default (2 MB) stops the whole file at one runaway cell; with room, that row is rejected instead. */
const MAX_LINE_BYTES = 64 << 20;
/** DuckDB sizes its read buffer at 16 lines of the longest (1 GiB here), more than the memory limit; two are enough. */
const BUFFER_BYTES = 2 * MAX_LINE_BYTES;

const textTableName = (source: SourceFile): string => `txt_${source.spec.name}`;

const columnList = (width: number): string[] => [...Array.from({ length: width }, (_, i) => cellColumn(i)), OVERFLOW_COLUMN];

export async function loadTextTable(connection: DuckDBConnection, source: SourceFile, tempDir: string): Promise<TextTable> {
  return source.format === "csv" ? loadCsv(connection, source, tempDir) : loadXlsx(connection, source);
}

async function loadCsv(connection: DuckDBConnection, source: SourceFile, tempDir: string): Promise<TextTable> {
  const csv = await prepareCsv(source.path, source.fileName, tempDir);
  const { lastIndex, headerRow, mapping, width, titleRows } = resolveHeader(
    source.spec,
    csv.leadingRecords.map((record) => record.cells),
    source.fileName,
    (i) => i + 1,
  );
  const table = textTableName(source);
  const columns = columnList(width).map((name) => `${sqlString(name)}: 'VARCHAR'`).join(", ");
  // DuckDB's parallel scanner cannot pad short rows when quoted cells may hold newlines: files
  // with quotes are read on one thread. Either way insertion order (rowid) is file order.
  const sql = `create temp table ${table} as select * from read_csv($path,
      all_varchar = true, header = false, auto_detect = false, skip = $skip, columns = {${columns}},
      delim = $delim, quote = '"', escape = '"', strict_mode = false, null_padding = true, parallel = $parallel,
      max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${BUFFER_BYTES})`;
  try {
    const skip = csv.leadingRecords[lastIndex]!.linesThrough;
    await connection.run(sql, { path: csv.readPath, skip, delim: csv.delimiter, parallel: !csv.hasQuotes });
  } catch (error) {
    throw outOfMemory(error) ?? new InputError(
      `无法读取 ${source.fileName}：${firstLine(error)}。请用 Excel 或 WPS 打开检查后另存为 CSV 再导入 (file ${source.fileName}: unreadable CSV)`,
      { file: source.fileName },
    );
  }
  // rowid follows insertion order: the first data row sits right below the header.
  const rowNumberSql = `cast(rowid as integer) + ${lastIndex + 2}`;
  return { table, width, rowNumberSql, headerRow, mapping, encoding: csv.encoding, titleRows, date1904: false };
}

async function loadXlsx(connection: DuckDBConnection, source: SourceFile): Promise<TextTable> {
  const table = textTableName(source);
  const leading: { rowNumber: number; cells: (string | null)[] }[] = [];
  let resolved: ReturnType<typeof resolveHeader> | undefined;
  const workbook = { date1904: false };
  let appender: Awaited<ReturnType<DuckDBConnection["createAppender"]>> | undefined;

  const start = async () => {
    resolved = resolveHeader(source.spec, leading.map((row) => row.cells), source.fileName, (i) => leading[i]!.rowNumber);
    const columns = columnList(resolved.width).map((name) => `${name} varchar`).join(", ");
    await connection.run(`create temp table ${table} (row_number integer, ${columns})`);
    appender = await connection.createAppender(table, null, "temp");
    for (const row of leading.slice(resolved.lastIndex + 1)) append(row.rowNumber, row.cells);
  };
  const append = (rowNumber: number, cells: (string | null)[]) => {
    const { width } = resolved!;
    appender!.appendInteger(rowNumber);
    for (let i = 0; i < width; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) appender!.appendNull();
      else appender!.appendVarchar(cell);
    }
    const overflow = cells.slice(width).filter((cell) => cell !== null && cell !== undefined && cell.trim() !== "");
    if (overflow.length > 0) appender!.appendVarchar(overflow.join(", "));
    else appender!.appendNull();
    appender!.endRow();
  };

  await assertWorkbook(source.path, source.fileName);
  try {
    for await (const row of guardStalls(readXlsxRows(source.path, workbook))) {
      if (resolved) append(row.rowNumber, row.cells);
      else {
        leading.push(row);
        if (leading.length >= HEADER_SEARCH_ROWS) await start();
      }
    }
    if (!resolved) await start();
    appender!.closeSync();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw outOfMemory(error) ?? new InputError(
      `无法读取 ${source.fileName}：${error instanceof StalledReadError ? "工作簿已损坏，读到一半停住了" : firstLine(error)}。` +
        `请确认它是 Excel 工作簿（.xlsx），用 Excel 或 WPS 打开后另存再导入 (file ${source.fileName}: unreadable XLSX)`,
      { file: source.fileName },
    );
  }
  const { width, headerRow, mapping, titleRows } = resolved!;
  return { table, width, rowNumberSql: "row_number", headerRow, mapping, encoding: "xlsx", titleRows, date1904: workbook.date1904 };
}

const firstLine = (error: unknown): string => String(error instanceof Error ? error.message : error).split("\n")[0]!;
