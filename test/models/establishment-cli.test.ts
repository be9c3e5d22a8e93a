/**
 * Issue 14 through the command line on real files: a county written as a bureau's export (Chinese
 * headers, GB18030 as WPS saves it) with an `establishments` file (职数核定) that approves one
 * school's own number, `cadreboard ingest`, `cadreboard models`, and the CSVs read back:
 * cadre_establishment (APT-ESTABLISHMENT), the APT-PRINCIPAL rows of appointment_checks and the
 * trial_end rows of pending_exits (APT-TRIAL).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";
import { csv, gb18030, runIngest, runModels, tempDir, writeFolder, type Rows } from "../ingest/fixtures.ts";

const teacher = (id: string, school: string, start: string, method = ""): (string | number)[] => [id, school, "专任教师", "", start, "", method, ""];
const vice = (id: string, school: string): (string | number)[] => [id, school, "副校长", "", "2022-09-01", "", "任命", 3];
const files: Record<string, Rows> = {
  schools: [
    ["学校代码", "学校名称", "学段", "城乡类型", "学校层次"],
    ["J1", "城关初中", "初中", "城区", "优质"],
    ["J2", "溪口初中", "初中", "农村", "一般"],
    ["C1", "县第一中学", "完全中学", "城区", "优质"],
  ],
  staff: [
    ["工号", "姓名", "性别", "出生日期", "学历", "职称", "参加工作时间", "从教时间", "用工性质"],
    ...["VA1", "VA2", "VA3", "VB1", "VB2", "VB3", "DA1", "DA2"].map((id) => [id, `干部${id}`, "男", "1980-01-01", "本科", "一级", "2002-09-01", "", "在编"]),
    ["PJ1", "满五年校长", "男", "1980-01-01", "大专", "二级", "2002-09-01", "2019-09-01", "在编"],
    ["PJ2", "三级校长", "女", "1980-01-01", "本科", "三级", "2002-09-01", "", "在编"],
    ["PJ3", "职称未填", "男", "1968-09-02", "本科", "", "1990-09-01", "", "在编"],
    ["PC1", "连任校长", "男", "1975-05-05", "本科", "一级", "1997-09-01", "", "在编"],
    ["T1", "新进教师", "女", "2002-02-02", "本科", "未定级", "2026-03-01", "", "在编"],
    ["T2", "调入教师", "男", "1995-05-05", "本科", "二级", "2018-09-01", "", "在编"],
    ["T3", "试岗未称职", "男", "1996-06-06", "本科", "二级", "2019-09-01", "", "在编"],
  ],
  appointments: [
    ["工号", "学校代码", "岗位", "处室", "任职时间", "免职时间", "聘任方式", "聘期"],
    vice("VA1", "J1"), vice("VA2", "J1"), vice("VA3", "J1"),
    vice("VB1", "J2"), vice("VB2", "J2"), vice("VB3", "J2"),
    ["DA1", "J2", "中层正职", "教务处", "2023-09-01", "", "竞聘", 3],
    ["DA2", "J2", "中层正职", "教导处", "2024-09-01", "", "竞聘", 3],
    ["PJ1", "J1", "校长", "", "2024-09-01", "", "任命", 3],
    ["PJ2", "J2", "校长", "", "2024-09-01", "", "任命", 3],
    ["PJ3", "C1", "副校长", "", "2024-09-01", "", "任命", 3],
    ["PC1", "C1", "校长", "", "2014-09-01", "2017-08-31", "任命", 3],
    ["PC1", "C1", "校长", "", "2017-09-01", "2020-08-31", "任命", 3],
    ["PC1", "C1", "校长", "", "2020-09-01", "", "任命", 3],
    teacher("T1", "J1", "2026-03-01", "新进"),
    teacher("T2", "J2", "2025-03-01", "调入"),
    teacher("T3", "C1", "2025-06-01", "新分配"),
  ],
  appraisals: [["工号", "考核年度", "考核等次"], ["T2", 2025, "称职"], ["T3", 2025, "基本称职"]],
  rotations: [["工号", "原学校代码", "交流学校代码", "交流开始", "交流形式"]],
  // the bureau approves J1's three vice principals; J2 keeps the policy's default of two
  // and a row for a teacher post, which has no 职数: rejected, not dropped
  establishments: [["学校代码", "岗位", "处室", "核定职数"], ["J1", "副校长", "", 3], ["J2", "专任教师", "", 40]],
};

let out: string;
beforeAll(() => {
  const dir = writeFolder(Object.fromEntries(Object.entries(files).map(([name, rows]) => [name, gb18030(csv(rows))])));
  const warehouse = join(tempDir("warehouse"), "county.duckdb");
  const ingest = runIngest(dir, warehouse);
  expect(ingest.status, ingest.stderr).toBe(0);
  expect(ingest.stdout).toMatch(/establishments\.csv: read 2, loaded 1, rejected 1/);
  out = tempDir("out");
  const models = runModels(warehouse, out);
  expect(models.status, models.stderr).toBe(0);
}, 120_000);

/** A contract CSV as rows of text, read by DuckDB's CSV reader (quoted cells included). */
async function table(name: string): Promise<Record<string, string | null>[]> {
  const db = await openDatabase();
  try {
    return (await queryJson(db.connection, `select * from read_csv($path, all_varchar = true, header = true)`, { path: join(out, `${name}.csv`) })) as Record<string, string | null>[];
  } finally {
    db.close();
  }
}

it("an establishments row for a post that is not a cadre post is rejected with its row and reason", async () => {
  expect((await table("rejects")).filter((row) => row.file === "establishments.csv")).toEqual([
    expect.objectContaining({ row_number: "3", column: "post", value: "专任教师", reason: "职数核定只适用于校级干部和中层干部岗位，本行岗位为「专任教师」" }),
  ]);
});

describe("cadre_establishment through the CLI (APT-ESTABLISHMENT)", () => {
  it.each([
    ["J1", "vice_principal", null, "3", "3", "false", null, "establishments", "the bureau's number for J1 overrides the default"],
    ["J2", "vice_principal", null, "2", "3", "true", null, "policy", "J2 has no number of its own: the junior default of two"],
    ["J2", "middle_head", "教导处", "1", "2", "true", null, "policy", "教务处 and 教导处 are one office: two heads over an approved one"],
    ["J2", "middle_head", "总务处", "1", "0", "false", "1", "policy", "an approved office nobody holds is vacant"],
    ["C1", "vice_principal", null, "3", "1", "false", "2", "policy", "a complete school's default of three"],
  ])("%s %s %s: approved %s, in post %s, over %s, vacant %s, source %s (%s)", async (school: string, post: string, department: string | null, approved: string, inPost: string, over: string, vacant: string | null, source: string, _why: string) => {
    const row = (await table("cadre_establishment")).find((r) => r.school_id === school && r.post === post && r.department === department);
    expect(row).toMatchObject({ approved, in_post: inPost, over, vacant, source, rule_id: "APT-ESTABLISHMENT" });
  });

  it("the over-establishment row names who holds the post", async () => {
    const row = (await table("cadre_establishment")).find((r) => r.school_id === "J2" && r.department === "教导处" && r.post === "middle_head");
    expect(row!.explanation).toBe("教导处中层正职：按初中默认职数（政策文件，本地选择）1名，在岗2名（DA1、DA2），超职数1名，严禁超职数配备（APT-ESTABLISHMENT）");
  });
});

describe("appointment_checks through the CLI (APT-PRINCIPAL)", () => {
  it.each([
    ["PJ1", "principal", "true", "false", "exactly 5 years of teaching, 专科 and 二级 meet a junior school's conditions"],
    ["PJ2", "principal", "false", "false", "三级 is below 二级"],
    ["PC1", "principal", "false", "true", "principal of C1 since 2014, still there after two full terms: must rotate"],
  ])("%s (%s): passed %s, must rotate %s (%s)", async (staffId, post, passed, mustRotate) => {
    const row = (await table("appointment_checks")).find((r) => r.staff_id === staffId && r.rule_id === "APT-PRINCIPAL");
    expect(row).toMatchObject({ post, passed, must_rotate: mustRotate });
  });

  it("a vice principal is not judged by the principal's conditions unless the policy says so", async () => {
    expect((await table("appointment_checks")).filter((r) => r.staff_id === "PJ3" && r.rule_id === "APT-PRINCIPAL")).toEqual([]);
  });
});

describe("pending_exits through the CLI (APT-TRIAL)", () => {
  it.each([
    ["T1", "J1", "2027-02-28", "false", null, "新进 in March: the trial runs a year"],
    ["T2", "J2", "2026-02-28", "true", "true", "调入, year up, appraised 称职 for 2025"],
    ["T3", "C1", "2026-05-31", "true", "false", "新分配 (新进), year up, only 基本称职"],
  ])("%s at %s: trial ends %s, overdue %s, competent %s (%s)", async (staffId: string, school: string, due: string, overdue: string, competent: string | null, _why: string) => {
    const row = (await table("pending_exits")).find((r) => r.staff_id === staffId && r.exit_type === "trial_end");
    expect(row).toMatchObject({ school_id: school, due_date: due, overdue, trial_competent: competent, rule_id: "APT-TRIAL" });
  });
});
