/**
 * File formats through the CLI: a GB18030 CSV with Chinese headers, a UTF-8 BOM CSV with
 * full-width headers and a title row, an XLSX workbook with real Date cells, a serial-number date,
 * rich text and a formula; unknown columns go to raw_extra_cells; blank lines keep row numbers.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { csv, gb18030, maleId, queryWarehouse, runIngest, tempDir, validFiles, writeFolder, type CliResult } from "./fixtures.ts";

async function staffWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("教职工");
  sheet.addRow(["工号", "姓名", "身份证号", "性别", "出生日期", "最高学历", "职称", "参加工作时间", "用工性质", "备注"]);
  sheet.addRow(["T1", { richText: [{ text: "张" }, { text: "三" }] }, maleId, "男", new Date(Date.UTC(1980, 4, 6)), "本科", "一级", new Date(Date.UTC(2002, 8, 1)), "在编", "调入"]);
  // Row 3 left empty on purpose: the next row is row 4 in Excel, and in raw_staff.
  sheet.getRow(4).values = ["T2", "李四", "", "女", 31107, "研究生", "高级", "2008年9月", { formula: 'LEFT("在编临聘",2)', result: "在编" }];
  sheet.getRow(5).values = ["T3", "王五", "", "女", 60, "研究生", "高级", "2008-09-01", "在编"]; // serial 60: Excel's phantom day
  const other = workbook.addWorksheet("说明");
  other.addRow(["这张表不应被读取"]);
  await workbook.xlsx.writeFile(path);
}

let dir: string;
let result: CliResult;
let warehouse: string;
beforeAll(async () => {
  const files = validFiles();
  dir = writeFolder({
    // WPS's default "CSV" in China: GB18030 without BOM, Chinese headers.
    schools: gb18030(csv([["学校代码", "学校名称", "片区", "学段", "城乡类型", "学校层次", "核定编制"], ...files.schools!.slice(1)])),
    // Excel's "CSV UTF-8": BOM, a title row above the header, full-width and padded header names.
    appointments:
      "\uFEFF" +
      csv([["云溪县任职记录导出"], ["ｓｔａｆｆ＿ｉｄ", " 学校代码 ", "岗位", "部门", "任职时间", "免职时间", "聘任方式", "聘任年度", "聘期", "试用期满"], ...files.appointments!.slice(1)]),
    // A blank line in the middle: the row after it is still numbered as the spreadsheet shows.
    appraisals: csv(files.appraisals!.slice(0, 2)) + "\r\n" + csv(files.appraisals!.slice(2)),
    rotations: files.rotations!,
  });
  await staffWorkbook(join(dir, "staff.xlsx"));
  warehouse = join(tempDir("formats"), "w.duckdb");
  result = runIngest(dir, warehouse);
});

describe("formats through the CLI", () => {
  it("loads every file without rejects", async () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("schools.csv: read 2, loaded 2, rejected 0");
    expect(result.stdout).toContain("staff.xlsx: read 3, loaded 2, rejected 1");
    expect(result.stdout).toContain("appointments.csv: read 2, loaded 2, rejected 0");
    expect(result.stdout).toContain("appraisals.csv: read 2, loaded 2, rejected 0");
  });

  it("records each file's format, detected encoding and header row", async () => {
    const files = await queryWarehouse(warehouse, `select file, format, encoding, header_row from load_files order by file`);
    expect(files).toEqual([
      { file: "appointments.csv", format: "csv", encoding: "utf-8-bom", header_row: 2 },
      { file: "appraisals.csv", format: "csv", encoding: "utf-8", header_row: 1 },
      { file: "rotations.csv", format: "csv", encoding: "utf-8", header_row: 1 },
      { file: "schools.csv", format: "csv", encoding: "gb18030", header_row: 1 },
      { file: "staff.xlsx", format: "xlsx", encoding: "xlsx", header_row: 1 },
    ]);
  });

  it("decodes GB18030 text and maps Chinese codes", async () => {
    const schools = await queryWarehouse(warehouse, `select school_id, name, level, location, tier, staff_quota from raw_schools order by school_id`);
    expect(schools).toEqual([
      { school_id: "S1", name: "城关一中", level: "junior", location: "urban", tier: "strong", staff_quota: 50 },
      { school_id: "S2", name: "溪口小学", level: "primary", location: "rural", tier: "weak", staff_quota: 30 },
    ]);
  });

  it("reads XLSX Date cells, serial numbers, rich text and formula results, with the sheet's row numbers", async () => {
    const staff = await queryWarehouse(
      warehouse,
      `select staff_id, name, cast(birth_date as varchar) as birth_date, cast(work_start as varchar) as work_start, employment, row_number
       from raw_staff order by row_number`,
    );
    expect(staff).toEqual([
      { staff_id: "T1", name: "张三", birth_date: "1980-05-06", work_start: "2002-09-01", employment: "tenured", row_number: 2 },
      { staff_id: "T2", name: "李四", birth_date: "1985-03-01", work_start: "2008-09-01", employment: "tenured", row_number: 4 },
    ]);
    const rejects = await queryWarehouse(warehouse, `select file, row_number, "column", value, reason from raw_rejects`);
    expect(rejects).toEqual([
      { file: "staff.xlsx", row_number: 5, column: "birth_date", value: "60", reason: "「出生日期」不是真实存在的日期：60" },
    ]);
  });

  it("numbers rows after a title row and after a blank line as the spreadsheet shows them", async () => {
    const appointments = await queryWarehouse(warehouse, `select staff_id, row_number from raw_appointments order by row_number`);
    expect(appointments).toEqual([
      { staff_id: "T1", row_number: 3 },
      { staff_id: "T2", row_number: 4 },
    ]);
    const appraisals = await queryWarehouse(warehouse, `select staff_id, row_number from raw_appraisals order by row_number`);
    expect(appraisals).toEqual([
      { staff_id: "T1", row_number: 2 },
      { staff_id: "T2", row_number: 4 },
    ]);
  });

  it("keeps unknown columns aside in raw_extra_cells", async () => {
    const extras = await queryWarehouse(warehouse, `select * from raw_extra_cells`);
    expect(extras).toEqual([{ file: "staff.xlsx", row_number: 2, column: "备注", value: "调入" }]);
  });
});
