import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
// The browser components are plain ES modules: the same code that runs in the page runs here.
import { cells, neutralise, toCsv, toXlsx } from "../../reports/components/export.js";
import { crc32 } from "../../reports/components/xlsx.js";

const columns = [
  { key: "name", label: "姓名" },
  { key: "note", label: "说明" },
  { key: "n", label: "人数" },
];

describe("formula neutralising", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["张三", "张三"],
    ["a=b", "a=b"],
  ])("%j → %j", (input, expected) => expect(neutralise(input)).toBe(expected));

  it("leaves numbers as numbers (a negative number is not a formula)", () => expect(neutralise(-3)).toBe(-3));
  it("writes a column as the table shows it, numbers as numbers, a suppressed count as <5", () =>
    expect(
      cells([{ met: false, n: null, suppressed: ["n"] }], [
        { key: "met", label: "是否达标", format: (v: unknown) => (v ? "达标" : "未达标") },
        { key: "n", label: "人数", num: true },
      ]),
    ).toEqual([["未达标", "<5"]]));

  it("writes booleans as 是/否 and null as empty", () =>
    expect(cells([{ name: true, note: null, n: 1 }], columns)).toEqual([["是", null, 1]]));
});

describe("CSV", () => {
  it("starts with a UTF-8 BOM, quotes commas and quotes, neutralises formulas", () => {
    const text = toCsv([{ name: "=1+1", note: '他说"好",行', n: 3 }], columns);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('姓名,说明,人数\r\n\'=1+1,"他说""好"",行",3\r\n');
  });
});

describe("XLSX", () => {
  it("computes the standard CRC32", () => expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926));

  it("opens in exceljs with the Chinese text, numbers and neutralised formulas intact", async () => {
    const rows = [
      { name: "<script>alert(1)</script>王五", note: "=CMD()", n: 12 },
      { name: "李四", note: null, n: 0.5 },
    ];
    const bytes = toXlsx(rows, columns, "干部名单/2025");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("干部名单 2025");
    expect(sheet.getRow(1).values).toEqual([undefined, "姓名", "说明", "人数"]);
    expect(sheet.getCell("A2").value).toBe("<script>alert(1)</script>王五");
    expect(sheet.getCell("B2").value).toBe("'=CMD()");
    expect(sheet.getCell("C2").value).toBe(12);
    expect(sheet.getCell("B3").value).toBeNull();
    expect(sheet.getCell("C3").value).toBe(0.5);
  });
});
