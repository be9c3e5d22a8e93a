/**
 * Rows of an XLSX workbook's first worksheet as text cells, streamed with exceljs so a large
 * workbook never sits in memory whole. Row numbers are the sheet's own (empty rows are skipped by
 * the sheet, not renumbered), which is what a clerk sees in Excel or WPS.
 */
import { open } from "node:fs/promises";
import ExcelJS from "exceljs";
import { InputError } from "../src/errors.ts";

export interface SheetRow {
  rowNumber: number;
  /** 0-based: cells[0] is column A. Null for an empty cell. */
  cells: (string | null)[];
}

/** ISO date of an exceljs Date: exceljs builds dates in UTC from the serial day number. */
const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** One cell value as the text a CSV export would hold. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoDate(value);
  if (typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) return object.richText.map((run: { text?: string }) => run.text ?? "").join("");
    // Formula cells: the cached result Excel computed when the file was saved.
    if ("formula" in object || "sharedFormula" in object || "result" in object) return cellText(object.result);
    if (typeof object.text === "string") return object.text; // hyperlink
    if (typeof object.error === "string") return object.error; // #N/A, #VALUE! …: rejected as a value
  }
  return String(value);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an .xlsx with an open password is one, and so is an old .xls. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/**
 * An .xlsx is a zip archive. What else clerks save under that name gets its own message: the
 * fix differs (remove the password, save as .xlsx, rename to .csv).
 */
export async function assertWorkbook(path: string, fileName: string): Promise<void> {
  const handle = await open(path, "r");
  let head: Buffer;
  try {
    head = Buffer.alloc(512);
    head = head.subarray(0, (await handle.read(head, 0, 512, 0)).bytesRead);
  } finally {
    await handle.close();
  }
  const fail = (why: string, todo: string, tag: string) => {
    throw new InputError(`无法读取 ${fileName}：${why}。${todo} (file ${fileName}: ${tag})`, { file: fileName });
  };
  if (head.length === 0) fail("文件是空的（0 字节）", "请重新从系统导出该文件", "empty file");
  if (startsWith(head, ZIP)) return;
  if (startsWith(head, OLE)) {
    fail(
      "这是设了打开密码的加密工作簿，或旧版 Excel 97-2003（.xls）文件",
      "请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿），另存为「Excel 工作簿（.xlsx）」再导入",
      "encrypted workbook or .xls",
    );
  }
  const text = head.toString("utf8");
  if (/^\s*</.test(text)) {
    fail("这是网页或 XML 格式的表格，只是扩展名为 .xlsx", "请用 Excel 或 WPS 打开后另存为「Excel 工作簿（.xlsx）」再导入", "HTML or XML, not a workbook");
  }
  if (!head.includes(0) && /[,\t;]/.test(text)) {
    fail("这是文本（CSV）文件，只是扩展名为 .xlsx", `请把文件改名为 ${fileName.replace(/\.xlsx$/i, ".csv")} 后重新导入`, "CSV text, not a workbook");
  }
  fail("这不是 Excel 工作簿（.xlsx）", "请用 Excel 或 WPS 打开后另存为「Excel 工作簿（.xlsx）」再导入", "not a workbook");
}

/** Reading stopped without an error: exceljs's streaming reader can wait forever on a damaged zip. */
export class StalledReadError extends Error {
  override name = "StalledReadError";
}

/** No row for this long means the reader is stuck (env override for the fuzz tests). */
const stallMs = (): number => Number(process.env.CADREBOARD_XLSX_STALL_MS ?? 30_000);

/**
 * Passes rows through, failing with StalledReadError when none arrives for stallMs, or at once
 * when the process has nothing left to do (beforeExit: the reader's promise can never settle).
 * The check timer is unref'd, so it never keeps a finished CLI alive.
 */
export async function* guardStalls<T>(source: AsyncIterable<T>, limitMs = stallMs()): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let last = Date.now();
  let fail: () => void = () => {};
  const stalled = new Promise<never>((_, reject) => {
    fail = () => reject(new StalledReadError("reading stopped part-way without an error"));
  });
  stalled.catch(() => {}); // observed through the race below
  const timer = setInterval(() => Date.now() - last > limitMs && fail(), Math.min(1000, limitMs / 2));
  timer.unref();
  process.once("beforeExit", fail);
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), stalled]);
      if (step.done) return;
      last = Date.now();
      yield step.value;
    }
  } finally {
    clearInterval(timer);
    process.off("beforeExit", fail);
  }
}

/** `workbook.date1904` is set once the workbook part is read (before the first row). */
export async function* readXlsxRows(path: string, workbookInfo = { date1904: false }): AsyncGenerator<SheetRow> {
  // styles: "cache" is what lets exceljs recognise date-formatted numbers and return Dates.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  for await (const worksheet of workbook) {
    const properties = (workbook as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
    workbookInfo.date1904 = properties?.model?.date1904 === true;
    for await (const row of worksheet) {
      const values = row.values as unknown[]; // 1-based, sparse
      const cells: (string | null)[] = [];
      for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]));
      yield { rowNumber: row.number, cells };
    }
    return; // the first worksheet only
  }
}
