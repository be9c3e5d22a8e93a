/**
 * The adversarial corpus: each kind of bad input a county's exports really contain, generated
 * here (no real data), loaded through the CLI's main(). For each kind: the exit status, the
 * message a clerk reads, and — when the load goes through — rows read = loaded + rejected.
 */
import { join } from "node:path";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { csv, gb18030, idNumber, queryWarehouse, tempDir, validFiles, writeFolder, type Rows } from "../ingest/fixtures.ts";
import { checkInvariant, ingestInProcess } from "./harness.ts";
import { workbook, type Cell } from "./workbooks.ts";

type Files = Record<string, Rows | Buffer | string>;
const base = validFiles();
const header = (name: string) => base[name]![0]!;
/** The valid county with some files replaced (a key with an extension replaces NAME.csv). */
const county = (changes: Files): Files => {
  const files: Files = { ...base };
  for (const name of Object.keys(changes)) delete files[name.replace(/\..*$/, "")];
  return { ...files, ...changes };
};
const withRows = (name: string, ...rows: Rows) => county({ [name]: [...base[name]!, ...rows] });
const staffRow = (id: string, overrides: Record<number, string | number> = {}) => {
  const row: (string | number)[] = [id, "测试", "", "男", "1990-01-01", "本科", "二级", "", "2012-09-01", "", "", "", "在编"];
  for (const [i, value] of Object.entries(overrides)) row[Number(i)] = value;
  return row;
};
const appointment = (staff: string, school: string, post: string, start: string, end = "") => [staff, school, post, "", start, end, "", "", "", ""];
/** An appraisal row, columns by name (contract order: staff_id … base_allowance). */
const appraisal = (staff: string, year: number | string, cells: Record<string, Cell> = {}): Cell[] =>
  (header("appraisals") as string[]).map((name) => (name === "staff_id" ? staff : name === "year" ? year : name === "grade" ? "合格" : cells[name] ?? ""));
const appraisalAliases = ["工号", "考核年度", "考核等次", "考核总分", "职业态度", "职业能力", "履行职责", "工作实绩", "应到人数", "实到人数", "优秀票", "称职票", "基本称职票", "不称职票", "津贴系数", "班主任津贴基数"];
/** v2: the number forms Excel and WPS display, each with the value it stands for. */
const numberForms: [Cell, number][] = [["1,000", 1000], ["1,000.00", 1000], ["１０００", 1000], ["１，０００", 1000], ["¥800", 800], ["￥800", 800], ["800元", 800], ["¥1,234.50", 1234.5], [1000, 1000]];

interface Kind {
  files: () => Files | Promise<Files>;
  status: 0 | 1;
  /** Matched against stderr (status 1) or stdout (status 0). */
  message?: RegExp;
  /** For status 0: [file, read, loaded, rejected]. */
  counts?: [string, number, number, number];
  /** For status 0: some reject of the counted file has this reason. */
  reason?: RegExp;
  /** For status 0: a query on the warehouse and its expected rows. */
  query?: [string, unknown[]];
}

const zip = async () => workbook([header("staff"), ...base.staff!.slice(1)]);
const staffXlsx = (rows: Parameters<typeof workbook>[0], options?: Parameters<typeof workbook>[1]) => async () =>
  county({ "staff.xlsx": await workbook(rows, options) });
const people = base.staff!.slice(1) as (string | number)[][];

export const kinds: Record<string, Kind> = {
  "empty file (0 bytes)": { files: () => county({ staff: "" }), status: 1, message: /staff\.csv 是空的.*row 1/s },
  "only blank lines": { files: () => county({ staff: "\r\n\r\n\r\n" }), status: 1, message: /staff\.csv 是空的/ },
  "header only": { files: () => county({ rotations: [header("rotations")] }), status: 0, counts: ["rotations.csv", 0, 0, 0] },
  "a byte-order mark in the middle (two exports pasted together)": {
    files: () => county({ staff: "\uFEFF" + csv(base.staff!) + "\uFEFF" + csv(base.staff!) }),
    status: 0, counts: ["staff.csv", 5, 2, 3], reason: /又是一遍表头/,
  },
  "a byte-order mark glued to a cell": { files: () => withRows("staff", staffRow("\uFEFFT3")), status: 0, counts: ["staff.csv", 3, 3, 0], query: ["select staff_id from raw_staff where row_number = 4", [{ staff_id: "T3" }]] },
  "mixed encodings (UTF-8 and GB18030 lines)": {
    files: () => county({ staff: Buffer.concat([Buffer.from(csv(base.staff!.slice(0, 2))), gb18030(csv([staffRow("T3", { 1: "王小明" })]))]) }),
    status: 0, counts: ["staff.csv", 2, 2, 0], message: /混有 UTF-8 和 GB18030/,
    query: ["select name from raw_staff order by row_number", [{ name: "张三" }, { name: "王小明" }]],
  },
  "GB18030 file with Chinese headers": { files: () => county({ schools: gb18030(csv([["学校代码", "学校名称", "片区", "学段", "城乡类型", "学校层次", "核定编制"], ...base.schools!.slice(1)])) }), status: 0, counts: ["schools.csv", 2, 2, 0] },
  "semicolon-separated": { files: () => county({ rotations: csv(base.rotations!).replaceAll(",", ";") }), status: 0, counts: ["rotations.csv", 1, 1, 0] },
  "vertical-bar-separated": { files: () => county({ rotations: csv(base.rotations!).replaceAll(",", "|") }), status: 0, counts: ["rotations.csv", 1, 1, 0] },
  "Excel 「Unicode 文本」: UTF-16 with tabs": {
    files: () => county({ rotations: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(base.rotations!).replaceAll(",", "\t"), "utf16le")]) }),
    status: 0, counts: ["rotations.csv", 1, 1, 0],
  },
  "an unknown separator": { files: () => county({ rotations: csv(base.rotations!).replaceAll(",", "/") }), status: 1, message: /rotations\.csv.*分隔符/ },
  "wrong separator in the rows only": {
    files: () => county({ rotations: csv([header("rotations")]) + "T2;S1;S2;2015-09-01;;校际交流;是\r\n" }),
    status: 0, counts: ["rotations.csv", 1, 0, 1], reason: /不能为空/,
  },
  "quoted newlines in a cell": { files: () => withRows("staff", staffRow("T3", { 1: "王\n五" })), status: 0, counts: ["staff.csv", 3, 3, 0], query: ["select name from raw_staff where staff_id = 'T3'", [{ name: "王\n五" }]] },
  "a row longer than its header": { files: () => withRows("staff", [...staffRow("T3"), "多出来"]), status: 0, counts: ["staff.csv", 3, 2, 1], reason: /比表头多/ },
  "duplicate headers": { files: () => county({ schools: [[...header("schools"), "学校代码"], ...base.schools!.slice(1)] }), status: 1, message: /schools\.csv.*两列都表示「学校代码」/ },
  "unknown headers": {
    files: () => county({ rotations: [[...header("rotations"), "经办人"], [...base.rotations![1]!, "王科长"]] }),
    status: 0, counts: ["rotations.csv", 1, 1, 0], query: ["select \"column\", value from raw_extra_cells", [{ column: "经办人", value: "王科长" }]],
  },
  "a required column missing": { files: () => county({ rotations: base.rotations!.map((row) => row.slice(0, 5)) }), status: 1, message: /rotations\.csv 缺少必需的列.*type/s },
  "title rows above the header": {
    files: () => county({ staff: csv([["云溪县教职工花名册"], ["导出时间：2024-01-01"], ...base.staff!]) }),
    status: 0, counts: ["staff.csv", 2, 2, 0], message: /skipped title row 1 「云溪县教职工花名册」, header on row 3/,
    query: ["select row_number, text from load_skipped_rows order by row_number", [{ row_number: 1, text: "云溪县教职工花名册" }, { row_number: 2, text: "导出时间：2024-01-01" }]],
  },
  "trailing note rows (备注、制表人、合计)": {
    files: () => county({ staff: csv([...base.staff!, ["备注：临聘人员另表统计"], ["制表人：王五", "", "审核人：赵六"], ["合计", 2]]) }),
    status: 0, counts: ["staff.csv", 5, 2, 3], reason: /表格末尾的说明行/,
  },
  "two-row header with merged cells (XLSX)": {
    files: staffXlsx(
      [
        ["工号", "姓名", "身份证号", "基本信息", null, null, "任职信息", null, null],
        [null, null, null, "性别", "出生日期", "最高学历", "职称", "参加工作时间", "用工性质"],
        ["T1", "张三", people[0]![2]!, "男", "1980-05-06", "本科", "一级", "2002-09-01", "在编"],
        ["T2", "李四", "", "女", "1985-03-01", "研究生", "高级", "2008-09-01", "在编"],
      ],
      { merges: ["A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:I1"] },
    ),
    status: 0, counts: ["staff.xlsx", 2, 2, 0], query: ["select staff_id, row_number from raw_staff order by 2", [{ staff_id: "T1", row_number: 3 }, { staff_id: "T2", row_number: 4 }]],
  },
  "trailing note row in a workbook": {
    files: staffXlsx([header("staff"), ...people, ["注：本表由人事股导出"]]),
    status: 0, counts: ["staff.xlsx", 3, 2, 1], reason: /说明行/,
  },
  "truncated XLSX (a broken zip)": {
    files: async () => { const bytes = await zip(); return county({ "staff.xlsx": bytes.subarray(0, Math.floor(bytes.length / 2)) }); },
    status: 1, message: /无法读取 staff\.xlsx/,
  },
  "password-protected workbook (an OLE file named .xlsx)": {
    files: () => county({ "staff.xlsx": Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]) }),
    status: 1, message: /staff\.xlsx.*加密.*取消密码/s,
  },
  "a CSV file named .xlsx": { files: () => county({ "staff.xlsx": csv(base.staff!) }), status: 1, message: /staff\.xlsx.*改名为 staff\.csv/s },
  "a workbook named .csv": { files: async () => county({ staff: await zip() }), status: 1, message: /staff\.csv.*扩展名改为 \.xlsx/s },
  "full-width digits and letters": {
    files: () => withRows("staff", ["Ｔ３", "全角", "", "女", "１９９０－０１－０１", "本科", "二级", "", "２０１２．０９", "", "", "", "在编"]),
    status: 0, counts: ["staff.csv", 3, 3, 0], query: ["select staff_id, cast(work_start as varchar) as w from raw_staff where row_number = 4", [{ staff_id: "T3", w: "2012-09-01" }]],
  },
  "#N/A and #VALUE! in CSV cells": { files: () => withRows("staff", staffRow("T3", { 1: "#N/A" }), staffRow("T4", { 4: "#VALUE!" })), status: 0, counts: ["staff.csv", 4, 2, 2], reason: /「姓名」是 Excel 错误值 #N\/A/ },
  "#N/A error cells in a workbook": { files: staffXlsx([header("staff"), ...people, staffRow("T3", { 1: { error: "#N/A" } as never })]), status: 0, counts: ["staff.xlsx", 3, 2, 1], reason: /Excel 错误值 #N\/A/ },
  "numbers stored as text (XLSX)": {
    files: async () => county({ "schools.xlsx": await workbook([header("schools"), ["S1", "一中", "", "初中", "城区", "优质", "50"], ["S2", "二小", "", "小学", "农村", "薄弱", " ３０ "]]) }),
    status: 0, counts: ["schools.xlsx", 2, 2, 0], query: ["select staff_quota from raw_schools order by 1", [{ staff_quota: 30 }, { staff_quota: 50 }]],
  },
  "1904 date system workbook": {
    files: staffXlsx([header("staff"), staffRow("T1", { 4: new Date(Date.UTC(1980, 4, 6)) as never, 8: 35674 })], { date1904: true }),
    status: 0, counts: ["staff.xlsx", 1, 1, 0],
    query: ["select cast(birth_date as varchar) as b, cast(work_start as varchar) as w from raw_staff", [{ b: "1980-05-06", w: "2001-09-02" }]],
  },
  "1900 date system serial numbers": {
    files: staffXlsx([header("staff"), staffRow("T1", { 4: 29347, 8: 37135 })]),
    status: 0, counts: ["staff.xlsx", 1, 1, 0], query: ["select cast(birth_date as varchar) as b, cast(work_start as varchar) as w from raw_staff", [{ b: "1980-05-06", w: "2001-09-01" }]],
  },
  "dates out of range": {
    files: () => withRows("appointments", appointment("T1", "S1", "班主任", "2150-09-01"), appointment("T1", "S1", "教研组长", "1899-09-01")),
    status: 0, counts: ["appointments.csv", 4, 2, 2], reason: /晚于 2100 年|早于 1900 年/,
  },
  "duplicate keys": { files: () => withRows("schools", ["S1", "重名", "", "小学", "城区", "一般", 1]), status: 0, counts: ["schools.csv", 3, 2, 1], reason: /与第 2 行重复/ },
  "dangling references": { files: () => withRows("appointments", appointment("T404", "S1", "专任教师", "2010-09-01")), status: 0, counts: ["appointments.csv", 3, 2, 1], reason: /T404 在教职工表中不存在/ },
  "overlapping appointments to the same post": {
    files: () => withRows("appointments", appointment("T1", "S1", "专任教师", "2010-09-01", "2012-08-31"), appointment("T1", "S1", "班主任", "2012-09-01", "2013-08-31"), appointment("T1", "S1", "班主任", "2013-08-31")),
    status: 0, counts: ["appointments.csv", 5, 4, 1], reason: /与第 2 行任期重叠：同一人（工号 T1）在同一学校（S1）同一岗位「专任教师」/,
  },
  "a rotation to the same school": { files: () => withRows("rotations", ["T1", "S1", "S1", "2016-09-01", "", "校际交流", "是"]), status: 0, counts: ["rotations.csv", 2, 1, 1], reason: /交流学校与原学校相同/ },
  "votes above those cast": { files: () => withRows("appraisals", ["T1", 2021, "优秀", "", "", "", "", "", 30, 28, 20, 9, "", "", "", ""]), status: 0, counts: ["appraisals.csv", 3, 2, 1], reason: /多于实到人数 28/ },
  // PAY-SCORE's maxima are the policy file's: the row loads and the models list it (数据质量).
  "scores above their maximum": {
    files: () => withRows("appraisals", ["T1", 2021, "优秀", 1200, "", "", "", "", "", "", "", "", "", "", "", ""]),
    status: 0, counts: ["appraisals.csv", 3, 3, 0], query: ["select score from raw_appraisals where year = 2021", [{ score: 1200 }]],
  },
  "ID numbers with lower-case x or spaces": {
    files: () => withRows("staff", staffRow("T3", { 2: idNumber("11010519491231002").toLowerCase(), 3: "", 4: "" }), staffRow("T4", { 2: idNumber("33010219800506003").replace(/^(\d{6})(\d{8})/, "$1 $2 "), 3: "", 4: "" })),
    status: 0, counts: ["staff.csv", 4, 4, 0],
  },
  "very long cells": { files: () => withRows("staff", staffRow("T3", { 1: "长".repeat(3_000_000) })), status: 0, counts: ["staff.csv", 3, 2, 1], reason: /「姓名」过长（3000000 个字符/ },
  "an unterminated quote at the end": { files: () => county({ rotations: csv(base.rotations!) + 'T1,S1,S2,"2016-09-01,,校际交流,是\r\n' }), status: 0, counts: ["rotations.csv", 2, 1, 1] },
  // v2 (issue 12): a clerk's appraisals file with base_allowance as Excel saves a displayed number used to lose 9 rows of 10.
  "thousands separators in a GB18030 appraisals file (1,000)": {
    files: () => county({
      appraisals: gb18030(csv([appraisalAliases, ...[2011, 2012, 2013, 2014, 2015].flatMap((year) => [
        appraisal("T1", year, { base_allowance: "1,000" }), appraisal("T2", year, { base_allowance: year === 2015 ? 800 : "1,000" }),
      ]) as Rows])),
    }),
    status: 0, counts: ["appraisals.csv", 10, 10, 0],
    query: ["select count(*)::integer as n, sum(base_allowance) as total, count(distinct grade)::integer as grades from raw_appraisals", [{ n: 10, total: 9800, grades: 1 }]],
  },
  "every number form Excel and WPS display (XLSX)": {
    files: async () => county({
      "appraisals.xlsx": await workbook([
        header("appraisals") as string[],
        ...numberForms.map(([form], i) => appraisal("T1", 2010 + i, { base_allowance: form, votes_expected: typeof form === "string" && form.includes("元") ? "" : form })),
      ]),
    }),
    status: 0, counts: ["appraisals.xlsx", numberForms.length, numberForms.length, 0],
    query: [
      "select base_allowance, votes_expected from raw_appraisals order by year",
      numberForms.map(([form, value]) => ({
        base_allowance: value,
        // an integer column takes the forms too, where the value is whole
        votes_expected: typeof form === "string" && form.includes("元") ? null : Number.isInteger(value) ? value : null,
      })),
    ],
  },
  "an unreadable optional cell: emptied, the row loads": {
    files: () => withRows("appraisals", appraisal("T1", 2021, { score: "abc", base_allowance: "五百" }) as (string | number)[]),
    status: 0, counts: ["appraisals.csv", 3, 3, 0], reason: /「考核总分」应为数字：abc，已置空/,
    query: [
      `select r.action, r."column", r.value, r.reason, a.grade, a.score, a.base_allowance
       from raw_rejects as r inner join raw_appraisals as a on a.row_number = r.row_number order by r.row_number, r."column" desc`,
      [
        { action: "cell", column: "score", value: "abc", reason: "「考核总分」应为数字：abc，已置空", grade: "competent", score: null, base_allowance: null },
        { action: "cell", column: "base_allowance", value: "五百", reason: "「班主任津贴基数」应为数字：五百，已置空", grade: "competent", score: null, base_allowance: null },
      ],
    ],
  },
  "a number no spreadsheet can hold (1e400): emptied like any unreadable cell, not loaded as infinite": {
    files: () => withRows("appraisals", appraisal("T1", 2021, { score: "1e400" }) as (string | number)[]),
    status: 0, counts: ["appraisals.csv", 3, 3, 0],
    query: [
      `select r.action, r."column", r.value, r.reason, a.score from raw_rejects as r inner join raw_appraisals as a on a.row_number = r.row_number`,
      [{ action: "cell", column: "score", value: "1e400", reason: "「考核总分」应为数字：1e400，已置空", score: null }],
    ],
  },
  // A row of plain numbers is read by one look at its cells glued with this character between them
  // (validate.ts): one inside a cell must not make the row look plain.
  "a unit separator (U+001F) inside a number cell: unreadable, emptied": {
    files: () => withRows("appraisals", appraisal("T1", 2021, { score: "85\u001f", attitude: "40" }) as (string | number)[]),
    status: 0, counts: ["appraisals.csv", 3, 3, 0],
    query: [
      `select r."column", r.reason, a.score, a.attitude from raw_rejects as r inner join raw_appraisals as a on a.row_number = r.row_number`,
      [{ column: "score", reason: "「考核总分」应为数字：85\u001f，已置空", score: null, attitude: 40 }],
    ],
  },
  "an Excel error in an optional cell of a workbook: emptied, the row loads": {
    files: async () => county({ "appraisals.xlsx": await workbook([header("appraisals") as string[], appraisal("T1", 2021, { base_allowance: { error: "#N/A" } })]) }),
    status: 0, counts: ["appraisals.xlsx", 1, 1, 0],
    query: ["select action, \"column\", value, reason from raw_rejects", [
      { action: "cell", column: "base_allowance", value: "#N/A", reason: "「班主任津贴基数」是 Excel 错误值 #N/A（公式没有算出结果），已置空" },
    ]],
  },
  "an unreadable required cell: the row is rejected, once": {
    files: () => withRows("appraisals", appraisal("T1", "2021年度", { score: "abc" }) as (string | number)[]),
    status: 0, counts: ["appraisals.csv", 3, 2, 1], reason: /「考核年度」应为整数：2021年度/,
    query: ["select action, \"column\", value from raw_rejects", [{ action: "row", column: "year", value: "2021年度" }]],
  },
  "100,000 identical rows": {
    files: () => county({ staff: csv([header("staff")]) + csv([staffRow("T1")]).repeat(100_000), appointments: [header("appointments")], appraisals: [header("appraisals")], rotations: [header("rotations")] }),
    status: 0, counts: ["staff.csv", 100_000, 1, 99_999], reason: /与第 2 行重复：工号 T1/,
  },
};

describe("the adversarial corpus", () => {
  it("has at least 30 kinds", () => expect(Object.keys(kinds).length).toBeGreaterThanOrEqual(30));

  it.each(Object.entries(kinds))("%s", async (_kind, kind) => {
    const warehouse = join(tempDir("corpus"), "w.duckdb");
    const run = await ingestInProcess(writeFolder(await kind.files()), warehouse);
    expect({ status: run.status, err: run.err }).toMatchObject({ status: kind.status });
    if (kind.status === 1) {
      expect(run.err).toMatch(kind.message!);
      expect(run.err).toMatch(/\(file [^)]+\)/); // names the file
      expect(existsSync(warehouse)).toBe(false);
      return;
    }
    expect(run.err).toBe("");
    if (kind.message) expect(run.out).toMatch(kind.message);
    const counts = await checkInvariant(warehouse);
    const [file, read, loaded, rejected] = kind.counts!;
    expect(counts.find((count) => count.file === file)).toEqual({ file, read, loaded, rejected });
    if (kind.reason) {
      const reasons = await queryWarehouse(warehouse, `select reason from raw_rejects where file = '${file}'`);
      expect(reasons.map((row) => row.reason).join("\n")).toMatch(kind.reason);
    }
    if (kind.query) expect(await queryWarehouse(warehouse, kind.query[0])).toEqual(kind.query[1]);
  });
});
