/**
 * `cadreboard plan` through the command line on real files: a county written as CSV with Chinese
 * headers, ingested, its 2027 plan drafted (CSV + XLSX, the workbook opened in LibreOffice), then
 * a plan a clerk typed in WPS (GB18030 CSV) checked, with its bad rows rejected by row and column.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../bench/compare.ts";
import { csv, gb18030, runCli, runIngest, tempDir, writeFolder, type Rows } from "../ingest/fixtures.ts";

// S1 (strong, 东片) has ten teachers in their 17th year: ⌈10 × 15 %⌉ = 2 must go; T10 is backbone
const teachers = Array.from({ length: 10 }, (_, i) => `T${i + 1}`);
const files: Record<string, Rows> = {
  schools: [
    ["学校代码", "学校名称", "片区", "学段", "城乡类型", "学校层次", "核定编制"],
    ["S1", "城关小学", "东片", "小学", "城区", "优质", 40],
    ["S2", "东山小学", "东片", "小学", "农村", "薄弱", 30],
    ["S3", "西河小学", "西片", "小学", "农村", "一般", 30],
  ],
  staff: [
    ["工号", "姓名", "性别", "出生日期", "最高学历", "职称", "参加工作时间", "骨干层次", "用工性质"],
    ...teachers.map((id, i) => [id, `教师${i + 1}`, "男", "1980-01-01", "本科", "一级", "2002-09-01", i === 9 ? "骨干教师" : "", "在编"]),
    ["Y1", "青年教师", "女", "1998-01-01", "本科", "二级", "2021-09-01", "", "在编"],
    ["E2", "东山教师", "女", "1990-01-01", "本科", "二级", "2015-09-01", "", "在编"],
  ],
  appointments: [
    ["工号", "学校代码", "岗位", "处室", "任职时间", "免职时间", "聘任方式"],
    // T1 joined first: the longest-serving ordinary teacher
    ...teachers.map((id, i) => [id, "S1", "专任教师", "", i === 0 ? "2009-09-01" : "2010-09-01", "", ""]),
    ["Y1", "S1", "专任教师", "", "2021-09-01", "", ""],
    ["E2", "S2", "专任教师", "", "2020-09-01", "", ""],
  ],
  appraisals: [["工号", "考核年度", "考核等次"]],
  rotations: [["工号", "原学校代码", "交流学校代码", "交流开始", "交流结束", "交流形式", "人事关系随迁"]],
  exemptions: [["工号", "暂缓原因", "起始日期", "终止日期"]],
};

let dir: string;
let warehouse: string;
let drafted: { stdout: string; status: number | null; stderr: string };
beforeAll(() => {
  dir = tempDir("plan-cli");
  warehouse = join(dir, "county.duckdb");
  const ingested = runIngest(writeFolder(files), warehouse);
  expect(ingested.status, ingested.stderr).toBe(0);
  drafted = runCli(["plan", "--warehouse", warehouse, "--year", "2027", "--out", join(dir, "draft")]);
  expect(drafted.status, drafted.stderr).toBe(0);
}, 120_000);

const table = (folder: string, name: string) => parseCsv(readFileSync(join(dir, folder, `${name}.csv`), "utf8"));

describe("cadreboard plan --year 2027", () => {
  it("writes the contract's three tables with their columns", () => {
    expect(Object.keys(table("draft", "rotation_plan")[0]!)).toEqual(
      expect.arrayContaining(["school_year", "staff_id", "from_school_id", "to_school_id", "post_group", "backbone", "rule_id", "explanation"]),
    );
    expect(Object.keys(table("draft", "plan_checks")[0]!)).toEqual(
      expect.arrayContaining(["school_year", "school_id", "rule_id", "holds", "required", "planned", "explanation"]),
    );
    expect(readFileSync(join(dir, "draft", "plan_unplaced.csv"), "utf8").split("\n")[0]).toBe("school_year,staff_id,from_school_id,reason_rule_id,explanation");
  });

  it("sends S1's backbone teacher and its longest-serving teacher to the weak school in their district", () => {
    const plan = table("draft", "rotation_plan");
    expect(plan.map((row) => `${row.staff_id}→${row.to_school_id}`).sort()).toEqual(["T1→S2", "T10→S2"].sort());
    const t10 = plan.find((row) => row.staff_id === "T10")!;
    expect(t10).toMatchObject({ school_year: "2027", from_school_id: "S1", post_group: "teacher", backbone: "true", rule_id: "ROT-T9" });
    expect(t10.explanation).toContain("骨干教师优先派往薄弱学校");
    expect(t10.explanation).toContain("东山小学");
    const checks = table("draft", "plan_checks");
    expect(checks.filter((row) => row.holds !== "true")).toEqual([]);
    expect(checks.find((row) => row.school_id === "S1" && row.rule_id === "PLAN-RATIO")).toMatchObject({ required: "2", planned: "2" });
  });

  it("prints the solver's status and gap", () => {
    expect(drafted.stdout).toMatch(/plan 2027: 2 moves, 0 not placed; HiGHS optimal, gap 0\.00%/);
  });

  it("writes a workbook LibreOffice opens, the moves on its first sheet with the names", () => {
    const workbook = readdirSync(join(dir, "draft")).find((name) => name.endsWith(".xlsx"))!;
    expect(workbook).toBe("交流方案_2027.xlsx");
    const converted = spawnSync(
      "soffice",
      ["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", join(dir, "lo"), join(dir, "draft", workbook)],
      { encoding: "utf8", timeout: 120_000, env: { ...process.env, HOME: dir } },
    );
    expect(converted.status, converted.stderr).toBe(0);
    const lines = readFileSync(join(dir, "lo", "交流方案_2027.csv"), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("序号,原学校代码,原学校,原学校层次,工号,姓名,人员类别,骨干教师,交流形式,拟交流学校代码,拟交流学校,依据,说明");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1,S1,城关小学,优质,T1,教师1,教师,否,校际交流,S2,东山小学,ROT-T9,/);
  }, 180_000);
});

describe("cadreboard plan --check on a plan typed in WPS", () => {
  let checked: { stdout: string; status: number | null; stderr: string };
  beforeAll(() => {
    const rows: Rows = [
      ["工号", "姓名", "交流学校代码", "交流形式"],
      ["T2", "教师2", "S3", "校际交流"],
      ["Y1", "青年教师", "S2", "校际交流"],
      ["X9", "查无此人", "S2", "校际交流"],
      ["T3", "教师3", "S9", "校际交流"],
    ];
    const planFile = join(writeFolder({ "交流方案.csv": gb18030(csv(rows)) }, join(dir, "bureau")), "交流方案.csv");
    checked = runCli(["plan", "--warehouse", warehouse, "--year", "2027", "--check", planFile, "--out", join(dir, "checked")]);
  }, 120_000);

  it("exits 0 and reports every rule the plan breaks, with the staff IDs", () => {
    expect(checked.status, checked.stderr).toBe(0);
    const broken = table("checked", "plan_checks").filter((row) => row.holds === "false");
    const who = broken.find((row) => row.rule_id === "PLAN-WHO" && row.school_id === "S1")!;
    expect(who.explanation).toContain("Y1");
    // S1's ratio counts everyone it sends, Y1 too (ROT-RATIO), but no backbone teacher goes:
    // PLAN-BACKBONE and the strong-to-other flow are broken, and T10 is named as the one to add
    expect(broken.find((row) => row.rule_id === "PLAN-RATIO")).toBeUndefined();
    expect(broken.map((row) => `${row.school_id} ${row.rule_id}`).sort()).toEqual(["ALL PLAN-BACKBONE", "ALL PLAN-NO-REVERSE", "ALL PLAN-WHO", "S1 PLAN-WHO"]);
    expect(broken.find((row) => row.rule_id === "PLAN-BACKBONE")!.explanation).toContain("T10");
  });

  it("rejects the unknown person and the unknown school by file, row and column, and keeps them", () => {
    const rejects = table("checked", "plan_rejects");
    expect(rejects.map((row) => [row.row, row.column, row.value])).toEqual([
      ["4", "staff_id", "X9"],
      ["5", "to_school_id", "S9"],
    ]);
    for (const reject of rejects) expect(reject.file).toContain("交流方案.csv");
    expect(checked.stdout).toContain("row 4");
  });
});
