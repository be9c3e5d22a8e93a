import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite"; // test-only: to write GB18030 as WPS does
import { describe, expect, it } from "vitest";
import { installMacros, normaliseCellText } from "../../data-loaders/sql-macros.ts";
import { InputError } from "../../src/errors.ts";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";
import { readPlanFile } from "../../src/plan/plan-file.ts";
import { county } from "./fixture.ts";

const dir = () => mkdtempSync(join(tmpdir(), "cadreboard-test-plan-"));
const csvText = (rows: string[][]): string => rows.map((row) => row.join(",")).join("\r\n") + "\r\n";

describe("readPlanFile: a GB18030 CSV with Chinese headers under a title row", () => {
  const rows = [
    ["城关县2027学年教师交流方案", "", "", ""], // row 1: a title, skipped by the header finder
    ["工号", "姓名", "交流学校代码", "交流形式"], // row 2
    ["A1", "张一", "B", "校际交流"], // 3
    ["A7", "张七", "A", "校内轮岗"], // 4
    ["A8", "张八", "A", ""], // 5: same school, no type → post rotation
    ["B2", "李二", "A", ""], // 6: another school, no type → between schools
    ["X9", "王九", "B", "交流"], // 7: unknown staff
    ["C1", "赵一", "Z", "交流"], // 8: unknown school
    ["A1", "张一", "C", "校际交流"], // 9: A1 again
    ["C2", "赵二", "", "交流"], // 10: no school
    ["", "", "", ""], // 11: blank, not a row
    ["D1", "钱一", "C", "调动"], // 12: a type the plan does not know
    ["A2", "张二", "A", "校际交流"], // 13: between schools to its own school
    ["A3", "张三", "B", "校内轮岗"], // 14: a post rotation to another school
  ];
  const path = join(dir(), "交流方案.csv");
  writeFileSync(path, iconv.encode(csvText(rows), "gb18030"));

  it("turns the good rows into moves, defaulting the type by the school", async () => {
    const { moves } = await readPlanFile(path, county());
    expect(moves).toEqual([
      { staffId: "A1", fromSchoolId: "A", toSchoolId: "B", kind: "between_schools" },
      { staffId: "A7", fromSchoolId: "A", toSchoolId: "A", kind: "post_rotation" },
      { staffId: "A8", fromSchoolId: "A", toSchoolId: "A", kind: "post_rotation" },
      { staffId: "B2", fromSchoolId: "B", toSchoolId: "A", kind: "between_schools" },
    ]);
  });

  it.each([
    // [row, column, value, words in the reason, why]
    [7, "staff_id", "X9", "工号 X9 不在本轮评判的在编教师和干部名单中", "unknown staff"],
    [8, "to_school_id", "Z", "学校代码 Z 不在学校名单中", "unknown school"],
    [9, "staff_id", "A1", "已在第 3 行列入方案", "a person listed twice: the first row stands"],
    [10, "to_school_id", "", "「交流学校代码」为空", "no school to go to"],
    [12, "type", "调动", "「交流形式」不认识：调动", "a type outside the vocabulary"],
    [13, "to_school_id", "A", "就是工号 A2 现在的学校", "校际交流 to the person's own school"],
    [14, "type", "校内轮岗", "不是工号 A3 现在的学校 A", "校内轮岗 to another school"],
  ])("rejects row %i on %s (%j): %s", async (row, column, value, words) => {
    const { rejects } = await readPlanFile(path, county());
    const reject = rejects.find((item) => item.row === row);
    expect(reject).toMatchObject({ file: "交流方案.csv", row, column, value });
    expect(reject!.reason).toContain(words);
  });

  it("keeps every row: moves + rejects = the non-blank rows under the header", async () => {
    const { moves, rejects } = await readPlanFile(path, county());
    expect(moves.length + rejects.length).toBe(11);
    expect(rejects.map((reject) => reject.row)).toEqual([7, 8, 9, 10, 12, 13, 14]);
  });

  it("tells staff not on the staff file from staff the round did not judge, when given the staff IDs", async () => {
    const onStaff = await readPlanFile(path, county(), { staffIds: new Set(["X9"]) });
    expect(onStaff.rejects[0]!.reason).toContain("在教职工名册中，但不是本轮评判的在编教师或干部");
    const notOnStaff = await readPlanFile(path, county(), { staffIds: new Set(["A1"]) });
    expect(notOnStaff.rejects[0]!.reason).toContain("工号 X9 不在教职工名册中");
  });
});

describe("readPlanFile: an XLSX with English headers", () => {
  it("reads the first sheet, reports the sheet's own row numbers, and checks an optional from-school column", async () => {
    const path = join(dir(), "plan.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("plan");
    sheet.getRow(1).values = ["staff_id", "from_school_id", "to_school_id", "type"];
    sheet.getRow(2).values = ["C1", "C", "D", "between_schools"];
    sheet.getRow(3).values = ["D1", "D", "C"];
    // row 4 left empty in the sheet
    sheet.getRow(5).values = ["R1", "A", "B"]; // R1 is at R, not A
    sheet.getRow(6).values = ["A9", "A", "B", "交流"];
    sheet.getRow(7).values = ["Q7", "A", "B"];
    await workbook.xlsx.writeFile(path);

    const { moves, rejects } = await readPlanFile(path, county());
    expect(moves.map((move) => `${move.staffId} ${move.fromSchoolId}→${move.toSchoolId} ${move.kind}`)).toEqual([
      "C1 C→D between_schools", "D1 D→C between_schools", "A9 A→B between_schools",
    ]);
    expect(rejects.map(({ file, row, column, value }) => ({ file, row, column, value }))).toEqual([
      { file: "plan.xlsx", row: 5, column: "from_school_id", value: "A" },
      { file: "plan.xlsx", row: 7, column: "staff_id", value: "Q7" },
    ]);
    expect(rejects[0]!.reason).toContain("工号 R1 现在 R 任职");
  });
});

describe("readPlanFile: cells as ingest reads them", () => {
  it("reads full-width and padded IDs as ingest's cb_norm does, and reports a rejected cell as written", async () => {
    const path = join(dir(), "plan.csv");
    writeFileSync(path, csvText([["工号", "交流学校代码"], ["\u200BＡ１ ", "　Ｂ"], ["Ｘ９", "B"]]), "utf8");
    const { moves, rejects } = await readPlanFile(path, county());
    expect(moves).toEqual([{ staffId: "A1", fromSchoolId: "A", toSchoolId: "B", kind: "between_schools" }]);
    expect(rejects).toMatchObject([{ row: 3, column: "staff_id", value: "Ｘ９" }]);
  });

  it.each(["\u200BＡ１ ", "　Ｂ\t", "\uFEFFx", " ", "", "张 三", "Ｔ－０１"])("normaliseCellText(%j) agrees with cb_norm", async (text) => {
    const db = await openDatabase();
    try {
      await installMacros(db.connection);
      const [row] = await queryJson(db.connection, "select cb_norm($text) as normalised", { text });
      expect(normaliseCellText(text)).toBe(row!.normalised ?? null);
    } finally {
      db.close();
    }
  });
});

describe("readPlanFile: files it cannot read", () => {
  it("ignores columns it does not know, such as the schools' names beside their codes", async () => {
    const path = join(dir(), "plan.csv");
    writeFileSync(path, csvText([["工号", "姓名", "原学校", "原学校代码", "交流学校", "交流学校代码"], ["A1", "张一", "甲小学", "A", "乙小学", "B"]]), "utf8");
    expect((await readPlanFile(path, county())).moves).toEqual([{ staffId: "A1", fromSchoolId: "A", toSchoolId: "B", kind: "between_schools" }]);
  });

  it("reads UTF-8 with a BOM and English headers", async () => {
    const path = join(dir(), "plan.csv");
    writeFileSync(path, "\uFEFF" + csvText([["staff_id", "to_school_id"], ["A1", "B"]]), "utf8");
    expect((await readPlanFile(path, county())).moves).toEqual([{ staffId: "A1", fromSchoolId: "A", toSchoolId: "B", kind: "between_schools" }]);
  });

  it("stops with the file, row and column when the school column is missing", async () => {
    const path = join(dir(), "plan.csv");
    writeFileSync(path, csvText([["工号", "姓名"], ["A1", "张一"]]), "utf8");
    const error = await readPlanFile(path, county()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toEqual({ file: "plan.csv", row: 1, column: "to_school_id" });
    expect((error as InputError).message).toContain("交流学校代码");
  });

  it("refuses a file that is neither CSV nor XLSX", async () => {
    const path = join(dir(), "plan.txt");
    writeFileSync(path, "staff_id,to_school_id\r\n", "utf8");
    await expect(readPlanFile(path, county())).rejects.toThrow(/只能读取 CSV 或 Excel/);
  });
});
