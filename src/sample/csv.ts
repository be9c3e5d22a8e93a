/**
 * Streaming CSV files as Excel's "CSV UTF-8" saves them: a byte-order mark, CRLF line ends,
 * RFC 4180 quoting. Rows are buffered in memory per school and flushed with back-pressure, so a
 * county of a million staff never sits in memory as one string.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export type Cell = string | number | null | undefined;

const needsQuotes = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(",")}\r\n`;

export class CsvFile {
  rows = 0;
  private parts: string[] = [];
  private buffered = 0;
  private readonly stream: WriteStream;

  constructor(readonly path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    this.parts.push(`\uFEFF${csvLine(header)}`);
  }

  row(cells: readonly Cell[]): void {
    const line = csvLine(cells);
    this.parts.push(line);
    this.buffered += line.length;
    this.rows++;
  }

  /** Writes what is buffered once it is worth a system call; waits when the disk is behind. */
  async flush(force = false): Promise<void> {
    if (this.parts.length === 0 || (!force && this.buffered < 1 << 20)) return;
    const chunk = this.parts.join("");
    this.parts = [];
    this.buffered = 0;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await once(this.stream, "finish");
  }
}
