/**
 * The bits of CSV parsing done in Node: the delimiter, the leading records (for the header) and
 * keeping blank lines as rows so row numbers match the spreadsheet.
 */
import { describe, expect, it } from "vitest";
import { detectDelimiter, keepBlankLines, parseLeadingRecords } from "../../data-loaders/csv-text.ts";

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c\r\n1,2,3", ","],
    ["a\tb\tc\n", "\t"],
    ["a;b;c\n", ";"],
    ['"a,b";c;d\n', ";"],
    ["single\n", ","],
  ])("%j → %j", (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe("parseLeadingRecords", () => {
  it("reads quoted cells, doubled quotes and newlines inside quotes, counting physical lines", () => {
    const records = parseLeadingRecords('\uFEFFa,"b ""x""",c\r\n"line\nbreak",2,3\r\n4,5,6\r\n', ",", 10);
    expect(records).toEqual([
      { cells: ["a", 'b "x"', "c"], linesThrough: 1 },
      { cells: ["line\nbreak", "2", "3"], linesThrough: 3 },
      { cells: ["4", "5", "6"], linesThrough: 4 },
    ]);
  });

  it("stops after maxRecords and reads a last line without a newline", () => {
    expect(parseLeadingRecords("a\nb\nc", ",", 2).map((r) => r.cells)).toEqual([["a"], ["b"]]);
    expect(parseLeadingRecords("a\nb", ",", 5).map((r) => r.cells)).toEqual([["a"], ["b"]]);
  });
});

describe("keepBlankLines", () => {
  const keep = (text: string) => keepBlankLines(text, ",", { inQuotes: false, lineEmpty: false });
  it.each([
    ["a,b\r\n\r\n1,2\r\n", "a,b\r\n,\r\n1,2\r\n", "CRLF blank line"],
    ["a,b\n\n\n1,2\n", "a,b\n,\n,\n1,2\n", "two LF blank lines"],
    ['a,"x\n\ny"\n1,2\n', 'a,"x\n\ny"\n1,2\n', "blank line inside quotes is data"],
    ["a,b\n1,2\n", "a,b\n1,2\n", "nothing to do"],
  ])("%j → %j (%s)", (text, expected) => {
    expect(keep(text)).toBe(expected);
  });

  it("carries quote state across chunks", () => {
    const state = { inQuotes: false, lineEmpty: false };
    expect(keepBlankLines('a,"x\n', ",", state) + keepBlankLines('\ny"\n\n', ",", state)).toBe('a,"x\n\ny"\n,\n');
  });
});
