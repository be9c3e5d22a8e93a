/**
 * Makes a CSV file something DuckDB can read: detects its encoding without being told (a BOM
 * means UTF-8; else a strict UTF-8 decode; failing that GB18030, which covers GBK and GB2312 as
 * Excel and WPS save them in China), and when needed writes a UTF-8 copy to a temporary folder.
 * Files are streamed in chunks: a county's appraisal file can be larger than a JS string.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { open } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../src/errors.ts";
import { detectDelimiter, keepBlankLines, parseLeadingRecords, type LeadingRecord } from "./csv-text.ts";
import { HEADER_SEARCH_ROWS } from "./headers.ts";

/** "mixed": lines of both UTF-8 and GB18030, as when rows from two programs were pasted into one file. */
export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be" | "mixed";

export interface PreparedCsv {
  /** The UTF-8 file DuckDB reads: the original, or a transcoded copy in the temporary folder. */
  readPath: string;
  encoding: CsvEncoding;
  delimiter: string;
  /** Without any quote character no cell can hold a newline, so DuckDB may split the file across threads. */
  hasQuotes: boolean;
  leadingRecords: LeadingRecord[];
}

const CHUNK_BYTES = 8 << 20;
const HEAD_BYTES = 256 << 10;

interface Scan {
  encoding: CsvEncoding;
  hasBlankLines: boolean;
  hasQuotes: boolean;
}

/** One streaming pass: BOM, strict UTF-8 validity, whether any line is empty or any cell quoted. */
async function scan(path: string): Promise<Scan> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let first = true;
  let bom = false;
  let utf8 = true;
  let hasBlankLines = false;
  let hasQuotes = false;
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    if (first) {
      bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      // Excel's 「Unicode 文本」 is UTF-16 with a byte-order mark (and tabs): nothing else to scan.
      if (chunk[0] === 0xff && chunk[1] === 0xfe) return { encoding: "utf-16le", hasBlankLines: true, hasQuotes: true };
      if (chunk[0] === 0xfe && chunk[1] === 0xff) return { encoding: "utf-16be", hasBlankLines: true, hasQuotes: true };
      notText(chunk);
    }
    first = false;
    if (utf8 && !bom) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
    if (!hasBlankLines) {
      const joined = Buffer.concat([tail, chunk]);
      hasBlankLines = joined.includes("\n\n") || joined.includes("\n\r\n");
      tail = joined.subarray(Math.max(0, joined.length - 2));
    }
    hasQuotes ||= chunk.includes(0x22);
    if (!utf8 && hasBlankLines && hasQuotes) break;
  }
  if (utf8 && !bom) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  return { encoding: bom ? "utf-8-bom" : utf8 ? "utf-8" : "gb18030", hasBlankLines, hasQuotes };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A workbook saved or renamed as .csv: say so, rather than "column missing" over binary noise. */
function notText(head: Buffer): void {
  const is = (magic: number[]) => magic.every((byte, i) => head[i] === byte);
  if (is(ZIP)) throw new NotTextError("这是 Excel 工作簿（.xlsx），只是扩展名为 .csv", "请把扩展名改为 .xlsx 后重新导入");
  if (is(OLE)) throw new NotTextError("这是旧版 Excel（.xls）或加密的工作簿，只是扩展名为 .csv", "请用 Excel 或 WPS 打开，另存为 CSV 或 .xlsx 再导入");
  if (head.subarray(0, 4096).filter((byte) => byte === 0).length > 16) {
    throw new NotTextError("文件中有大量空字节，不是文本表格", "请用 Excel 或 WPS 打开后另存为 CSV 再导入");
  }
}

class NotTextError extends Error {
  constructor(
    readonly why: string,
    readonly todo: string,
  ) {
    super(why);
  }
}

/** Decodes GB18030 text line by line, keeping lines that are valid UTF-8 as UTF-8 ("mixed" files). */
class LineDecoder {
  private rest = Buffer.alloc(0);
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });
  private readonly gb = new TextDecoder("gb18030");
  utf8Lines = 0;
  gbLines = 0;

  decode(chunk: Buffer, end = false): string {
    const bytes = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    // 0x0A never occurs inside a GB18030 or UTF-8 multi-byte character: lines split safely.
    const cut = end ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
    this.rest = Buffer.from(bytes.subarray(cut));
    const parts: string[] = [];
    for (let from = 0; from < cut; ) {
      const newline = bytes.indexOf(0x0a, from);
      const to = newline < 0 || newline >= cut ? cut : newline + 1;
      parts.push(this.line(bytes.subarray(from, to)));
      from = to;
    }
    return parts.join("");
  }

  private line(bytes: Buffer): string {
    if (!bytes.some((byte) => byte >= 0x80)) return bytes.toString("latin1");
    try {
      const text = this.utf8.decode(bytes);
      this.utf8Lines++;
      return text;
    } catch {
      this.gbLines++;
      return this.gb.decode(bytes);
    }
  }
}

async function readHead(path: string, encoding: CsvEncoding): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    // Not fatal here: the head may end in the middle of a character.
    if (encoding === "gb18030") return new LineDecoder().decode(buffer.subarray(0, bytesRead), true);
    return new TextDecoder(encoding.startsWith("utf-16") ? encoding : "utf-8").decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Streams a UTF-8 copy, decoding GB18030 or UTF-16 and/or keeping blank lines as empty rows. Returns the encoding found. */
async function writeUtf8Copy(path: string, target: string, scanned: Scan, delimiter: string): Promise<CsvEncoding> {
  const gb = scanned.encoding === "gb18030" ? new LineDecoder() : undefined;
  const decoder = new TextDecoder(scanned.encoding.startsWith("utf-16") ? scanned.encoding : "utf-8");
  const out = createWriteStream(target);
  const lineState = { inQuotes: false, lineEmpty: false };
  const write = async (text: string) => {
    const kept = scanned.hasBlankLines ? keepBlankLines(text, delimiter, lineState) : text;
    if (!out.write(kept)) await once(out, "drain");
  };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    await write(gb ? gb.decode(chunk) : decoder.decode(chunk, { stream: true }));
  }
  await write(gb ? gb.decode(Buffer.alloc(0), true) : decoder.decode());
  out.end();
  await once(out, "finish");
  return gb && gb.utf8Lines > 0 && gb.gbLines > 0 ? "mixed" : scanned.encoding;
}

export async function prepareCsv(path: string, fileName: string, tempDir: string): Promise<PreparedCsv> {
  let scanned: Scan;
  let head: string;
  try {
    scanned = await scan(path);
    head = await readHead(path, scanned.encoding);
  } catch (error) {
    if (error instanceof NotTextError) {
      throw new InputError(`无法读取 ${fileName}：${error.why}。${error.todo} (file ${fileName}: not a CSV text file)`, { file: fileName });
    }
    throw new InputError(
      `无法读取 ${fileName}：${(error as Error).message}。请确认文件存在且没有被其他程序占用 (file ${fileName}: unreadable)`,
      { file: fileName },
    );
  }
  const delimiter = detectDelimiter(head.replace(/^\uFEFF/, ""));
  const leadingRecords = parseLeadingRecords(head, delimiter, HEADER_SEARCH_ROWS);
  let readPath = path;
  let encoding = scanned.encoding;
  if (encoding === "gb18030" || encoding.startsWith("utf-16") || scanned.hasBlankLines) {
    readPath = join(tempDir, `${basename(path)}.utf8.csv`);
    encoding = await writeUtf8Copy(path, readPath, scanned, delimiter);
  }
  return { readPath, encoding, delimiter, hasQuotes: scanned.hasQuotes, leadingRecords };
}
