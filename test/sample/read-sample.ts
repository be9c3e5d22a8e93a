/**
 * A tiny RFC 4180 reader for the sample's CSV files, so the tests check what was written rather
 * than the generator's objects. Returns rows keyed by the contract's English column names.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileSpec, type RecordFileName } from "../../src/contract.ts";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) throw new Error("last line does not end with CRLF");
  return rows;
}

export type Row = Record<string, string>;

/** Reads `NAME.csv`, checks the BOM and the header, and maps each row to English column names. */
export function readRecordFile(dir: string, name: RecordFileName): Row[] {
  const text = readFileSync(join(dir, `${name}.csv`), "utf8");
  if (!text.startsWith("\uFEFF")) throw new Error(`${name}.csv has no byte-order mark`);
  const [header, ...rows] = parseCsv(text.slice(1));
  const columns = fileSpec(name).columns;
  const expected = columns.map((c) => c.aliases[0]);
  if (JSON.stringify(header) !== JSON.stringify(expected)) throw new Error(`${name}.csv header ${header} is not ${expected}`);
  return rows.map((cells, i) => {
    if (cells.length !== columns.length) throw new Error(`${name}.csv row ${i + 2} has ${cells.length} cells`);
    return Object.fromEntries(columns.map((c, j) => [c.name, cells[j]!]));
  });
}

export interface Sample {
  schools: Row[];
  staff: Row[];
  appointments: Row[];
  appraisals: Row[];
  rotations: Row[];
  exemptions: Row[];
  establishments: Row[];
}

export function readSample(dir: string): Sample {
  const read = (name: RecordFileName) => readRecordFile(dir, name);
  return {
    schools: read("schools"), staff: read("staff"), appointments: read("appointments"),
    appraisals: read("appraisals"), rotations: read("rotations"), exemptions: read("exemptions"),
    establishments: existsSync(join(dir, "establishments.csv")) ? read("establishments") : [],
  };
}

/** Completed years of age on a date, from ISO strings. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
