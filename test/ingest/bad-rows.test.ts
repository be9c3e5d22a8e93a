/**
 * Rows of every bad kind, loaded through the CLI: each lands in raw_rejects exactly once with its
 * spreadsheet row, first failing column, the value as given and a Chinese reason; good rows beside
 * them load; per file read = loaded + rejected. v2: an unreadable cell of an optional column is
 * listed with action `cell` and emptied, and its row loads (counted as loaded, not rejected).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { idNumber, maleId, queryWarehouse, runIngest, tempDir, validFiles, writeFolder, type CliResult } from "./fixtures.ts";

interface Reject {
  row: readonly (string | number)[];
  column: string;
  value: string | null;
  reason: string | RegExp;
  /** v2: `cell` when the row loads with this optional cell emptied; default `row`. */
  action?: "cell";
  /** A further reject of the row above (another emptied cell), not a row of its own. */
  sameRow?: true;
}
type Line = readonly (string | number)[] | Reject;
const isReject = (line: Line): line is Reject => !Array.isArray(line);

const otherMaleId = idNumber("33010219800506003"); // born 1980-05-06, male
const wrongCheck = maleId.slice(0, 17) + (maleId[17] === "1" ? "2" : "1");

/** Per file: the baseline rows, then good and bad rows; a bad one says what raw_rejects must hold. */
const lines: Record<string, Line[]> = {
  schools: [
    { row: ["S1", "重名学校", "", "小学", "城区", "一般", 10], column: "school_id", value: "S1", reason: "与第 2 行重复：学校代码 S1" },
    { row: ["S3", "某大学", "", "大学", "城区", "一般", 10], column: "level", value: "大学", reason: /^「学段」的值「大学」不在可选范围内（可选：小学、初中/ },
    { row: ["S4", "四小", "", "小学", "城区", "一般", -5], column: "staff_quota", value: "-5", reason: "「核定编制」不能为负数：-5，已置空", action: "cell" },
    { row: ["", "无码学校", "", "小学", "城区", "一般", 10], column: "school_id", value: null, reason: "「学校代码」不能为空" },
    { row: ["S5", "五小", "", "小学", "城区", "一般", "12.5"], column: "staff_quota", value: "12.5", reason: "「核定编制」应为整数：12.5，已置空", action: "cell" },
    ["S6", "六小", "", "小学", "城区", "一般", "1,200"], // a quota as Excel displays it
  ],
  staff: [
    ["T20", "王\n五", "", "男", "1990-01-01", "本科", "二级", "", "2012-09-01", "", "", "", "临聘"], // quoted newline: one record, one row
    { row: ["T3", "错号", wrongCheck, "男", "", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "id_number", value: wrongCheck, reason: `身份证号校验位错误：应为${maleId[17]}，实为${wrongCheck[17]}` },
    { row: ["T4", "性别错", otherMaleId, "女", "", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "gender", value: "女", reason: "性别与身份证号不符：身份证号显示为男，表中填写为女" },
    { row: ["T5", "生日错", otherMaleId, "", "1980-05-07", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "birth_date", value: "1980-05-07", reason: "出生日期与身份证号不符：身份证号显示为 1980-05-06，表中填写为 1980-05-07" },
    { row: ["T6", "缺性别", "", "", "1980-01-01", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "gender", value: null, reason: "没有身份证号时「性别」必填" },
    { row: ["T7", "未来人", "", "男", "2999-01-01", "本科", "一级", "", "2020-09-01", "", "", "", "在编"], column: "birth_date", value: "2999-01-01", reason: "出生日期晚于今天：2999-01-01" },
    { row: ["T1", "重号", "", "男", "1980-01-01", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "staff_id", value: "T1", reason: "与第 2 行重复：工号 T1" },
    { row: ["T8", "闰日", "", "男", "2019-02-29", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "birth_date", value: "2019-02-29", reason: "「出生日期」不是真实存在的日期：2019-02-29" },
    ["T9", "老号", "110105491231001", "男", "1949.12", "中专", "高级", "", "1968-09-01", "", "", "", "在编"], // 15 digits, month-only 出生年月 agrees
    ["T10", "小写x", "11010519491231002x", "", "", "大专", "高级", "", "1968-09-01", "", "", "", "在编"],
    { row: ["T11", "学历错", "", "女", "1990-01-01", "大学", "一级", "", "2012-09-01", "", "", "", "在编"], column: "education", value: "大学", reason: /^「最高学历」的值「大学」不在可选范围内/ },
    { row: ["T12", "早工作", "", "女", "1990-01-01", "本科", "一级", "", "1989-09-01", "", "", "", "在编"], column: "work_start", value: "1989-09-01", reason: "参加工作时间（1989-09-01）早于出生日期（1990-01-01）" },
    // The ID number is optional: a wrong one with gender and birth date given is emptied (T3 above had no birth date).
    { row: ["T13", "错号有生日", wrongCheck, "男", "1980-05-06", "本科", "一级", "", "2002-09-01", "", "", "", "在编"], column: "id_number", value: wrongCheck, reason: `身份证号校验位错误：应为${maleId[17]}，实为${wrongCheck[17]}，已置空`, action: "cell" },
    { row: ["T14", "从教错", "", "女", "1990-01-01", "本科", "二级", "", "2012-09-01", "2012-13-01", "", "", "在编"], column: "teaching_start", value: "2012-13-01", reason: "「从教时间」不是真实存在的日期：2012-13-01，已置空", action: "cell" },
  ],
  appointments: [
    { row: ["T404", "S1", "专任教师", "", "2010-09-01", "", "", "", "", ""], column: "staff_id", value: "T404", reason: "工号 T404 在教职工表中不存在" },
    { row: ["T1", "S9", "专任教师", "", "2010-09-01", "", "", "", "", ""], column: "school_id", value: "S9", reason: "学校代码 S9 在学校表中不存在" },
    { row: ["T1", "S1", "专任教师", "", "2010-09-01", "2010-08-31", "", "", "", ""], column: "end_date", value: "2010-08-31", reason: "免职时间（2010-08-31）早于任职时间（2010-09-01）" },
    { row: ["T3", "S1", "专任教师", "", "2010-09-01", "", "", "", "", ""], column: "staff_id", value: "T3", reason: "工号 T3 在教职工表中不存在" },
    { row: ["T1", "S1", "专任教师", "", "2010-09-01", "", "落聘", 2020, "", ""], column: "post", value: "专任教师", reason: "聘任方式为「落聘」时岗位应为待岗，表中为「专任教师」" },
    ["T1", "S1", "待岗", "", "2020-09-01", "", "落聘", 2020, "", ""],
  ],
  appraisals: [
    { row: ["T1", 2021, "优秀", "", "", "", "", "", 30, 31, "", "", "", "", "", ""], column: "votes_cast", value: "31", reason: "实到人数 31 多于应到人数 30" },
    { row: ["T1", 2022, "优秀", "", "", "", "", "", 30, 28, 20, 9, "", "", "", ""], column: "votes_excellent", value: "20", reason: "优秀、称职、基本称职、不称职票数之和 29 多于实到人数 28" },
    // Scores against their maxima and sum are PAY-SCORE's, from the policy file: loaded here,
    // listed by the appraisal_score_checks model (数据质量), never a reject at ingest.
    ["T1", 2023, "优秀", 1001, "", "", "", "", "", "", "", "", "", "", "", ""],
    ["T1", 2024, "优秀", 900, 51, 44, 535, 270, "", "", "", "", "", "", "", ""],
    ["T1", 2019, "优秀", 900, 45, 45, 540, 260, "", "", "", "", "", "", "", ""],
    { row: ["T1", 2020, "合格", "", "", "", "", "", "", "", "", "", "", "", "", ""], column: "staff_id", value: "T1", reason: "与第 2 行重复：工号 T1、考核年度 2020" },
    { row: ["T2", 2018, "良好", "", "", "", "", "", "", "", "", "", "", "", "", ""], column: "grade", value: "良好", reason: /^「考核等次」的值「良好」不在可选范围内/ },
    ["T2", 2017, "合格", 800, 40, 40, 480, 240, "", "", "", "", "", "", "", ""],
    // v2: numbers as Excel and WPS display them
    ["T2", 2016, "合格", "８００", "", "", "", "", "1,000", "", "", "", "", "", "1.20", "1,000.00"],
    ["T2", 2015, "合格", "", "", "", "", "", "", "", "", "", "", "", "", "¥800"],
    ["T2", 2014, "合格", "", "", "", "", "", "", "", "", "", "", "", "", "800元"],
    // v2: an unreadable optional cell empties the cell, the row loads; several in one row are listed in column order
    { row: ["T2", 2013, "优秀", "abc", "", "", "", "", "", "", "", "", "", "", "", ""], column: "score", value: "abc", reason: "「考核总分」应为数字：abc，已置空", action: "cell" },
    { row: ["T2", 2012, "优秀", "", "", "", "", "", "三十", "", "", "", "", "", "", "#N/A"], column: "votes_expected", value: "三十", reason: "「应到人数」应为整数：三十，已置空", action: "cell" },
    { row: ["T2", 2012, "优秀", "", "", "", "", "", "三十", "", "", "", "", "", "", "#N/A"], column: "base_allowance", value: "#N/A", reason: "「班主任津贴基数」是 Excel 错误值 #N/A（公式没有算出结果），已置空", action: "cell", sameRow: true },
    // a required column still costs the row, whatever else the row holds
    { row: ["T2", "二〇一一", "优秀", "abc", "", "", "", "", "", "", "", "", "", "", "", ""], column: "year", value: "二〇一一", reason: "「考核年度」应为整数：二〇一一" },
  ],
  rotations: [
    { row: ["T1", "S1", "S1", "2016-09-01", "", "校际交流", "是"], column: "to_school_id", value: "S1", reason: "交流学校与原学校相同（S1），但交流形式不是校内轮岗" },
    { row: ["T1", "S1", "S2", "2016-09-01", "", "校内轮岗", "否"], column: "to_school_id", value: "S2", reason: "校内轮岗的交流学校应与原学校相同：原学校 S1，交流学校 S2" },
    ["T1", "S1", "S1", "2017-09-01", "", "校内轮岗", "否"],
    { row: ["T1", "S1", "S2", "2018-09-01", "", "支教", "也许"], column: "relation_moved", value: "也许", reason: "「人事关系随迁」应为 是 或 否（也可写 Y/N、true/false、1/0）：也许" },
    { row: ["T1", "S1", "S9", "2018-09-01", "", "支教", "否"], column: "to_school_id", value: "S9", reason: "交流学校代码 S9 在学校表中不存在" },
  ],
  exemptions: [
    ["T2", "哺乳期", "2020-01-01", "2020-12-31"],
    ["T2", "特色课程领衔", "2020-09-01", "2023-09-01"],
    // Longer than ROT-EXEMPT's maximum: loaded, and capped by the models at the policy's maximum (v2)
    ["T2", "重大课题", "2020-09-01", "2023-09-02"],
    ["T2", "重病", "2020-09-01", "2025-09-01"], // illness has no maximum
    { row: ["T2", "孕期", "2020-09-01", "2020-08-01"], column: "end_date", value: "2020-08-01", reason: "终止日期（2020-08-01）早于起始日期（2020-09-01）" },
    { row: ["T1", "重病", "2020年9月", "2020/13/1"], column: "end_date", value: "2020/13/1", reason: "「终止日期」不是真实存在的日期：2020/13/1" },
  ],
};

const files: Record<string, (readonly (string | number)[])[]> = {
  ...validFiles(),
  exemptions: [["staff_id", "reason", "start_date", "end_date"]],
};
const expected: { file: string; row_number: number; column: string; value: string | null; reason: string | RegExp; action: "row" | "cell" }[] = [];
for (const [name, extra] of Object.entries(lines)) {
  const rows = files[name]!;
  for (const line of extra) {
    if (!(isReject(line) && line.sameRow)) rows.push(isReject(line) ? [...line.row] : [...line]);
    if (isReject(line)) {
      expected.push({ file: `${name}.csv`, row_number: rows.length, column: line.column, value: line.value, reason: line.reason, action: line.action ?? "row" });
    }
  }
}
const rowRejects = expected.filter((reject) => reject.action === "row");
const cellRejects = expected.filter((reject) => reject.action === "cell");

let result: CliResult;
let warehouse: string;
let rejects: Record<string, unknown>[];
beforeAll(async () => {
  warehouse = join(tempDir("bad-rows"), "w.duckdb");
  result = runIngest(writeFolder(files), warehouse);
  rejects = await queryWarehouse(warehouse, `select * from raw_rejects`); // in the order ingest wrote them
});

describe("bad rows through the CLI", () => {
  it("exits 0: rejected rows are reported, not fatal", () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it.each(expected.map((reject) => [reject.file, reject.row_number, reject.column, reject.action, reject]))(
    "%s row %i is rejected on %s (action %s)",
    (file, row, column, action, reject) => {
      const found = rejects.filter((r) => r.file === file && r.row_number === row && r.column === column);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ column, value: reject.value, action });
      if (typeof reject.reason === "string") expect(found[0]!.reason).toBe(reject.reason);
      else expect(found[0]!.reason).toMatch(reject.reason);
    },
  );

  it("rejects nothing else: every reject is one of the expected, each exactly once, per file in row then column order", () => {
    const key = (r: Record<string, unknown>) => `${r.file}:${r.row_number}:${r.column}:${r.action}`;
    const files = [...new Set(rejects.map((r) => String(r.file)))].sort();
    expect(files.flatMap((file) => rejects.filter((r) => r.file === file)).map(key)).toEqual(
      [...expected].sort((a, b) => a.file.localeCompare(b.file) || a.row_number - b.row_number).map(key),
    );
  });

  it("read = loaded + rejected per file, in load_files and on stdout", async () => {
    const loadFiles = await queryWarehouse(
      warehouse,
      `select file, rows_read::integer as rows_read, rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected from load_files`,
    );
    for (const [name, rows] of Object.entries(files)) {
      const file = `${name}.csv`;
      const read = rows.length - 1;
      // rows, not cells: a row that lost an optional cell is loaded
      const rejected = rowRejects.filter((reject) => reject.file === file).length;
      const emptied = cellRejects.filter((reject) => reject.file === file).length;
      expect(loadFiles.find((f) => f.file === file)).toMatchObject({ rows_read: read, rows_loaded: read - rejected, rows_rejected: rejected });
      expect(result.stdout).toContain(
        `${file}: read ${read}, loaded ${read - rejected}, rejected ${rejected}${emptied ? `, cells emptied ${emptied}` : ""}（`,
      );
      const [{ n }] = (await queryWarehouse(warehouse, `select count(*)::integer as n from raw_${name}`)) as [{ n: number }];
      expect(n).toBe(read - rejected);
    }
  });

  it("good rows load typed, with birth date and gender taken from the ID number", async () => {
    const staff = await queryWarehouse(
      warehouse,
      `select staff_id, name, id_number, gender, cast(birth_date as varchar) as birth_date, cast(teaching_start as varchar) as teaching_start, row_number
       from raw_staff where staff_id in ('T1', 'T9', 'T10', 'T20') order by row_number`,
    );
    expect(staff).toEqual([
      { staff_id: "T1", name: "张三", id_number: maleId, gender: "M", birth_date: "1980-05-06", teaching_start: "2002-09-01", row_number: 2 },
      { staff_id: "T20", name: "王\n五", id_number: null, gender: "M", birth_date: "1990-01-01", teaching_start: "2012-09-01", row_number: 4 },
      { staff_id: "T9", name: "老号", id_number: "110105491231001", gender: "M", birth_date: "1949-12-31", teaching_start: "1968-09-01", row_number: 12 },
      { staff_id: "T10", name: "小写x", id_number: "11010519491231002X", gender: "F", birth_date: "1949-12-31", teaching_start: "1968-09-01", row_number: 13 },
    ]);
    const [rotation] = await queryWarehouse(warehouse, `select type, relation_moved from raw_rotations where row_number = 2`);
    expect(rotation).toEqual({ type: "transfer", relation_moved: true });
  });

  it("loads, as given, what the models judge against the policy: an over-long exemption and scores above their maxima", async () => {
    expect(await queryWarehouse(warehouse, `select reason, cast(end_date as varchar) as end_date from raw_exemptions where reason = 'major_project'`)).toEqual([
      { reason: "major_project", end_date: "2023-09-02" },
    ]);
    expect(await queryWarehouse(warehouse, `select year, score, attitude from raw_appraisals where staff_id = 'T1' and year in (2019, 2023, 2024) order by year`)).toEqual([
      { year: 2019, score: 900, attitude: 45 },
      { year: 2023, score: 1001, attitude: null },
      { year: 2024, score: 900, attitude: 51 },
    ]);
  });

  it("v2: numbers as Excel displays them load as numbers; an emptied optional cell loads as null, the rest of its row as given", async () => {
    expect(await queryWarehouse(warehouse,
      `select year, score, votes_expected, applied_multiplier, base_allowance from raw_appraisals where staff_id = 'T2' and year between 2012 and 2016 order by year`,
    )).toEqual([
      { year: 2012, score: null, votes_expected: null, applied_multiplier: null, base_allowance: null },
      { year: 2013, score: null, votes_expected: null, applied_multiplier: null, base_allowance: null },
      { year: 2014, score: null, votes_expected: null, applied_multiplier: null, base_allowance: 800 },
      { year: 2015, score: null, votes_expected: null, applied_multiplier: null, base_allowance: 800 },
      { year: 2016, score: 800, votes_expected: 1000, applied_multiplier: 1.2, base_allowance: 1000 },
    ]);
    expect(await queryWarehouse(warehouse, `select grade from raw_appraisals where staff_id = 'T2' and year = 2013`)).toEqual([{ grade: "excellent" }]);
    expect(await queryWarehouse(warehouse, `select school_id, staff_quota from raw_schools where school_id in ('S4', 'S5', 'S6') order by 1`)).toEqual([
      { school_id: "S4", staff_quota: null }, { school_id: "S5", staff_quota: null }, { school_id: "S6", staff_quota: 1200 },
    ]);
    expect(await queryWarehouse(warehouse,
      `select staff_id, id_number, gender, cast(birth_date as varchar) as birth_date, cast(teaching_start as varchar) as teaching_start
       from raw_staff where staff_id in ('T13', 'T14') order by staff_id`,
    )).toEqual([
      { staff_id: "T13", id_number: null, gender: "M", birth_date: "1980-05-06", teaching_start: "2002-09-01" },
      // an emptied 从教时间 defaults to 参加工作时间, as an empty one does
      { staff_id: "T14", id_number: null, gender: "F", birth_date: "1990-01-01", teaching_start: "2012-09-01" },
    ]);
  });
});
