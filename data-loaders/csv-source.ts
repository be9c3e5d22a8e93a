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

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030";

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
    if (first) bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
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

async function readHead(path: string, encoding: CsvEncoding): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    // Not fatal here: the head may end in the middle of a character.
    return new TextDecoder(encoding === "gb18030" ? "gb18030" : "utf-8").decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Streams a UTF-8 copy, decoding GB18030 and/or keeping blank lines as empty rows. */
async function writeUtf8Copy(path: string, target: string, scanned: Scan, delimiter: string): Promise<void> {
  const decoder = new TextDecoder(scanned.encoding === "gb18030" ? "gb18030" : "utf-8");
  const out = createWriteStream(target);
  const lineState = { inQuotes: false, lineEmpty: false };
  const write = async (text: string) => {
    const kept = scanned.hasBlankLines ? keepBlankLines(text, delimiter, lineState) : text;
    if (!out.write(kept)) await once(out, "drain");
  };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    await write(decoder.decode(chunk, { stream: true }));
  }
  await write(decoder.decode());
  out.end();
  await once(out, "finish");
}

export async function prepareCsv(path: string, fileName: string, tempDir: string): Promise<PreparedCsv> {
  let scanned: Scan;
  let head: string;
  try {
    scanned = await scan(path);
    head = await readHead(path, scanned.encoding);
  } catch (error) {
    throw new InputError(
      `无法读取 ${fileName}：${(error as Error).message}。请确认文件存在且没有被其他程序占用 (file ${fileName}: unreadable)`,
      { file: fileName },
    );
  }
  const delimiter = detectDelimiter(head.replace(/^\uFEFF/, ""));
  const leadingRecords = parseLeadingRecords(head, delimiter, HEADER_SEARCH_ROWS);
  let readPath = path;
  if (scanned.encoding === "gb18030" || scanned.hasBlankLines) {
    readPath = join(tempDir, `${basename(path)}.utf8.csv`);
    await writeUtf8Copy(path, readPath, scanned, delimiter);
  }
  return { readPath, encoding: scanned.encoding, delimiter, hasQuotes: scanned.hasQuotes, leadingRecords };
}
