import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// The browser components are plain ES modules: the same code that runs in the page runs here.
import { cells, columnKinds, neutralise, percent, toCsv, toXlsx, type PageProvenance } from "../../reports/components/export.js";
import { excelDate, sheetNameOf, textWidth } from "../../reports/components/xlsx.js";

const columns = [
  { key: "name", label: "姓名" },
  { key: "note", label: "说明" },
  { key: "n", label: "人数" },
];

const provenance: PageProvenance = {
  asOf: "2026-09-01",
  loadedAt: "2026-09-02 08:30",
  fingerprint: "39a76e0ebdd0",
  audience: "公开版（仅汇总数据）",
  text: "数据截至 2026-09-01 · 2026-09-02 08:30 导入 · 数据指纹 39a76e0ebdd0",
};

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
  it("writes a column as the table shows it, numbers as numbers, a withheld count as 隐去", () =>
    expect(
      cells([{ met: false, n: null, suppressed: ["n"] }], [
        { key: "met", label: "是否达标", format: (v: unknown) => (v ? "达标" : "未达标") },
        { key: "n", label: "人数", num: true },
      ]),
    ).toEqual([["未达标", "隐去"]]));

  it("writes booleans as 是/否 and null as empty", () =>
    expect(cells([{ name: true, note: null, n: 1 }], columns)).toEqual([["是", null, 1]]));
});

describe("what kind of cell a column downloads as", () => {
  it.each<[string, Record<string, unknown>[], { key: string; label: string; format?: typeof percent }, string]>([
    ["a column shown with percent", [{ r: 0.25 }], { key: "r", label: "比例", format: percent }, "percent"],
    ["every value a YYYY-MM-DD date", [{ d: "2026-10-01" }, { d: null }], { key: "d", label: "到期日" }, "date"],
    ["a month is not a date", [{ d: "2026-10" }], { key: "d", label: "月份" }, "value"],
    ["one value not a date", [{ d: "2026-10-01" }, { d: "待定" }], { key: "d", label: "到期日" }, "value"],
    ["no values at all", [{ d: null }], { key: "d", label: "到期日" }, "value"],
  ])("%s → %s", (_, rows, column, kind) => expect(columnKinds(rows, [column])).toEqual([kind]));

  it.each([
    ["1899-12-31", 1, "Excel's day 1 (in its 1900 system, after the phantom 1900-02-29 it counts from 12-30)"],
    ["1970-01-01", 25569, "the Unix epoch"],
    ["2026-09-01", 46266, "a school year's first day"],
  ])("date %s is Excel day %i (%s)", (date, day) => expect(excelDate(date)).toBe(day));

  it.each([
    ["abc", 3, "Latin letters take one unit"],
    ["交流比例", 8, "Chinese characters take two"],
    ["ＡＢ１", 6, "full-width letters and digits take two"],
    ["2025 学年", 9, "mixed"],
  ])("text %j is %i wide (%s)", (text, width) => expect(textWidth(text)).toBe(width));

  it.each([
    ["干部名单/2025", "干部名单 2025"],
    ["[草稿]:名单?", "草稿 名单"],
    ["2025–2026 学年各校交流比例（ROT-RATIO）与目标的差距说明", "2025–2026 学年各校交流比例（ROT-RATIO）与目"],
  ])("sheet name %j → %j", (caption, name) => {
    expect(sheetNameOf(caption)).toBe(name);
    expect(sheetNameOf(caption).length).toBeLessThanOrEqual(31);
  });
});

describe("CSV", () => {
  it("starts with a UTF-8 BOM, quotes commas and quotes, neutralises formulas", () => {
    const text = toCsv([{ name: "=1+1", note: '他说"好",行', n: 3 }], columns);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('姓名,说明,人数\r\n\'=1+1,"他说""好"",行",3\r\n');
  });

  it("puts the provenance in one title cell above the header, and ratios as the page shows them", () => {
    const text = toCsv([{ name: "实验小学", r: 2 / 30 }], [{ key: "name", label: "学校" }, { key: "r", label: "交流比例", num: true, format: percent }], {
      caption: "各校交流比例",
      provenance,
    });
    const [title, header, row] = text.slice(1).split("\r\n");
    expect(title).toBe("各校交流比例 · 数据截至 2026-09-01 · 2026-09-02 08:30 导入 · 数据指纹 39a76e0ebdd0 · 公开版（仅汇总数据）");
    expect(header).toBe("学校,交流比例");
    expect(row).toBe("实验小学,6.7%");
  });
});

describe("XLSX", () => {
  const rows = [
    { name: "<script>alert(1)</script>王五", note: "=CMD()", n: 12, ratio: 2 / 30, due: "2026-10-01" },
    { name: "李四", note: null, n: 0.5, ratio: null, due: "2027-08-31" },
  ];
  const allColumns = [...columns, { key: "ratio", label: "交流比例", num: true, format: percent }, { key: "due", label: "到期日" }];

  it("opens in exceljs: text, numbers and neutralised formulas intact; header frozen; widths fitted; 说明 sheet", async () => {
    const bytes = toXlsx(rows, allColumns, { caption: "干部名单/2025", provenance });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const [sheet, notes] = workbook.worksheets;
    expect(sheet!.name).toBe("干部名单 2025");
    expect(sheet!.getRow(1).values).toEqual([undefined, "姓名", "说明", "人数", "交流比例", "到期日"]);
    expect(sheet!.getCell("A2").value).toBe("<script>alert(1)</script>王五");
    expect(sheet!.getCell("B2").value).toBe("'=CMD()");
    expect(sheet!.getCell("C2").value).toBe(12);
    expect(sheet!.getCell("B3").value).toBeNull();
    expect(sheet!.getCell("C3").value).toBe(0.5);
    expect(sheet!.getCell("D2").numFmt).toBe("0.0%");
    expect(sheet!.getCell("E2").numFmt).toBe("yyyy-mm-dd");
    expect(sheet!.getCell("E2").value).toEqual(new Date("2026-10-01T00:00:00Z"));
    expect(sheet!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // "<script>alert(1)</script>王五": 25 Latin characters and 2 Chinese = 29 units, plus 2 of margin.
    expect(sheet!.getColumn(1).width).toBe(31);
    expect(sheet!.getColumn(5).width).toBe(12);
    expect(notes!.name).toBe("说明");
    expect(notes!.getColumn(2).values).toEqual(expect.arrayContaining(["2026-09-01", "2026-09-02 08:30", "39a76e0ebdd0", "公开版（仅汇总数据）"]));
  });

  it("opens in LibreOffice with the cells as a clerk sees them: percents, dates, 隐去, Chinese", async () => {
    const dir = await mkdtemp(join(tmpdir(), "xlsx-"));
    const file = join(dir, "交流比例.xlsx");
    const table = [
      { school: "实验小学", eligible: 30, rotated: null, ratio: null, due: "2026-10-01", suppressed: ["rotated", "ratio"] },
      { school: "城东初中", eligible: 40, rotated: 8, ratio: 0.2, due: "2027-08-31" },
      { school: "=HYPERLINK(\"x\")", eligible: 7, rotated: 5, ratio: 5 / 7, due: null },
    ];
    const tableColumns = [
      { key: "school", label: "学校" },
      { key: "eligible", label: "应交流", num: true },
      { key: "rotated", label: "已交流", num: true },
      { key: "ratio", label: "交流比例", num: true, format: percent },
      { key: "due", label: "到期日" },
    ];
    await writeFile(file, toXlsx(table, tableColumns, { caption: "各校交流比例", provenance }));
    const converted = spawnSync("soffice", ["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, file], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, HOME: dir },
    });
    expect(converted.status, converted.stderr).toBe(0);
    const csv = (await readFile(join(dir, "交流比例.csv"), "utf8")).replace(/^\uFEFF/, "");
    expect(csv.trim().split(/\r?\n/)).toEqual([
      "学校,应交流,已交流,交流比例,到期日",
      "实验小学,30,隐去,隐去,2026-10-01",
      "城东初中,40,8,20.0%,2027-08-31",
      `"'=HYPERLINK(""x"")",7,5,71.4%,`,
    ]);
  }, 180_000);
});
