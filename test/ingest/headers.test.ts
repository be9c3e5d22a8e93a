/**
 * Header mapping: English names in any case, Chinese aliases, full-width characters and spaces;
 * unknown headers kept aside; a title row above the header skipped.
 */
import { describe, expect, it } from "vitest";
import { fileSpec } from "../../src/contract.ts";
import { InputError } from "../../src/errors.ts";
import { findHeaderRow, mapHeader, resolveHeader } from "../../data-loaders/headers.ts";

const schools = fileSpec("schools");
const staff = fileSpec("staff");

describe("mapHeader: one header cell → one contract column", () => {
  it.each([
    ["school_id", "school_id", "English name"],
    ["SCHOOL_ID", "school_id", "English, upper case"],
    ["School_Id", "school_id", "English, mixed case"],
    ["学校代码", "school_id", "Chinese alias"],
    ["学校编号", "school_id", "second Chinese alias"],
    ["  学校代码  ", "school_id", "surrounding spaces"],
    ["\u3000学校代码\u3000", "school_id", "ideographic spaces"],
    ["ｓｃｈｏｏｌ＿ｉｄ", "school_id", "full-width English"],
    ["\uFEFF学校代码", "school_id", "a byte-order mark left on the first cell"],
    ["核定编制", "staff_quota", "integer column alias"],
  ])("%s → %s (%s)", (header, column) => {
    const mapping = mapHeader(schools, [header], "schools.csv");
    expect(mapping.columns.get(column)).toBe(0);
    expect(mapping.extras).toEqual([]);
  });

  it("unknown headers are extras, kept with their text and position, not an error", () => {
    const mapping = mapHeader(schools, ["学校代码", "备注", "学校名称", ""], "schools.csv");
    expect(Object.fromEntries(mapping.columns)).toEqual({ school_id: 0, name: 2 });
    expect(mapping.extras).toEqual([
      { index: 1, header: "备注" },
      { index: 3, header: "第4列" },
    ]);
  });

  it("lists the required columns the header lacks, not the optional ones", () => {
    const mapping = mapHeader(schools, ["学校代码", "学校名称", "学段", "城乡类型"], "schools.csv");
    expect(mapping.missing.map((column) => column.name)).toEqual(["tier"]);
  });

  it("two cells naming the same column stop the load, naming file, row and column", () => {
    const call = () => mapHeader(schools, ["学校代码", "school_id"], "schools.csv");
    expect(call).toThrow(InputError);
    expect(call).toThrow(/schools\.csv.*学校代码.*school_id/s);
  });
});

describe("findHeaderRow: a title row above the header", () => {
  const header = ["工号", "姓名", "性别", "出生日期", "最高学历", "职称", "参加工作时间", "用工性质"];
  it.each([
    [[header], 0, "header on row 1"],
    [[["云溪县教职工花名册"], header], 1, "title row, header on row 2"],
    [[["云溪县教职工花名册"], ["导出时间：2024-01-01"], header], 2, "two title rows"],
    [[["工号", "姓名"], ["x"]], 0, "incomplete header: the row naming most columns"],
  ])("%j → row index %s (%s)", (rows, expected) => {
    expect(findHeaderRow(staff, rows)).toBe(expected);
  });

  it("a missing required column names the file, the header row and the column", () => {
    const call = () => resolveHeader(staff, [["工号", "姓名", "性别", "出生日期", "最高学历", "职称", "参加工作时间"]], "staff.csv", (i) => i + 1);
    expect(call).toThrow(InputError);
    expect(call).toThrow(/staff\.csv.*用工性质.*employment/s);
    try {
      call();
    } catch (error) {
      expect((error as InputError).location).toEqual({ file: "staff.csv", row: 1, column: "employment" });
    }
  });
});
