/**
 * The v2 rotation rules through the command line on real files: a small county written as CSV
 * with Chinese headers and labels, as a bureau exports it, through `cadreboard ingest` and
 * `cadreboard models`, then rotation_compliance.csv and rotation_due.csv read back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../bench/compare.ts";
import { runIngest, runModels, tempDir, writeFolder, type Rows } from "../ingest/fixtures.ts";

const teachers = Array.from({ length: 20 }, (_, i) => `T${i + 1}`);
const files: Record<string, Rows> = {
  schools: [
    ["学校代码", "学校名称", "片区", "学段", "城乡类型", "学校层次", "核定编制", "偏远学校", "分批完成年度"],
    ["S1", "城关小学", "城区片", "小学", "城区", "优质", 40, "", ""],
    ["S2", "海岛小学", "东片", "小学", "农村", "一般", 20, "是", ""],
    ["S3", "镇中心小学", "西片", "小学", "镇区", "一般", 30, "", 2026],
  ],
  staff: [
    ["工号", "姓名", "性别", "出生日期", "最高学历", "职称", "参加工作时间", "骨干层次", "用工性质"],
    ...teachers.map((id, i) => [id, `教师${i + 1}`, "男", "1980-01-01", "本科", "一级", "2002-09-01", i === 0 ? "骨干教师" : "", "在编"]),
    ["Y1", "青年教师", "女", "1998-01-01", "本科", "二级", "2021-09-01", "", "在编"],
    ["P1", "校长甲", "男", "1976-05-12", "研究生", "高级", "1998-09-01", "", "在编"],
  ],
  appointments: [
    ["工号", "学校代码", "岗位", "处室", "任职时间", "免职时间", "聘任方式"],
    // T1–T3 move to S3 in the summer of 2025: their S1 records end the day before
    ...teachers.map((id, i) => [id, "S1", "专任教师", "", "2010-09-01", i < 3 ? "2025-08-19" : "", ""]),
    ...teachers.slice(0, 3).map((id) => [id, "S3", "专任教师", "", "2025-08-20", "", "交流"]),
    ["Y1", "S1", "专任教师", "", "2021-09-01", "", ""],
    ["P1", "S1", "校长", "", "2014-09-01", "2025-08-31", "任命"],
    ["P1", "S3", "校长", "", "2025-09-01", "", "交流"],
  ],
  appraisals: [["工号", "考核年度", "考核等次"], ["T4", 2024, "不合格"]],
  rotations: [
    ["工号", "原学校代码", "交流学校代码", "交流开始", "交流结束", "交流形式", "人事关系随迁"],
    // a blank 人事关系随迁 on a 校际交流 reads 是
    ...teachers.slice(0, 3).map((id) => [id, "S1", "S3", "2025-08-20", "", "校际交流", ""]),
    ["Y1", "S1", "S2", "2025-10-01", "", "支教", "否"],
    ["P1", "S1", "S3", "2025-09-01", "", "校际交流", "是"],
  ],
  exemptions: [["工号", "暂缓原因", "起始日期", "终止日期"], ["T20", "特色课程领衔", "2024-09-01", "2027-09-01"]],
};

let out: string;
beforeAll(() => {
  const data = writeFolder(files);
  const dir = tempDir("rotation-cli");
  const warehouse = join(dir, "county.duckdb");
  out = join(dir, "out");
  const ingested = runIngest(data, warehouse);
  expect(ingested.status, ingested.stderr).toBe(0);
  const models = runModels(warehouse, out);
  expect(models.status, models.stderr).toBe(0);
}, 120_000);

const table = (name: string) => parseCsv(readFileSync(join(out, `${name}.csv`), "utf8"));

describe("cadreboard models on a county written as CSV: the v2 rotation columns", () => {
  it("rotation_compliance.csv counts round 2025 as ROT-YEAR, ROT-RATIO and ROT-LEAD15 say", () => {
    const compliance = table("rotation_compliance");
    expect(Object.keys(compliance[0]!)).toEqual(expect.arrayContaining(["rotated_eligible", "eligible_leaders", "rotated_leaders", "target_exception", "round_opens_on", "received_barred", "left_early"]));
    const s1 = compliance.find((r) => r.school_id === "S1" && r.school_year === "2025")!;
    // 20 teachers, T20 held by an exemption capped at 2027-08-31: 19 eligible; T1–T3 sent on
    // 2025-08-20 (round 2025, not 2024) and the young Y1 on 支教: 4 sent, 3 of them eligible
    expect(s1).toMatchObject({
      eligible: "19", rotated: "4", rotated_eligible: "3", target: "0.15", met: "true", backbone_rotated: "1",
      eligible_leaders: "1", rotated_leaders: "1", round_opens_on: "2025-07-01", round_ends_on: "2026-06-30",
      eligibility_records_date: "2025-06-30", eligibility_date: "2025-08-31", is_complete: "true",
    });
    expect(Number(s1.ratio)).toBeCloseTo(4 / 19, 12);
    expect(compliance.find((r) => r.school_id === "S1" && r.school_year === "2024")).toBeUndefined();
    expect(compliance.find((r) => r.school_id === "S2" && r.school_year === "2025")).toMatchObject({ met: "", target_exception: "remote" });
    expect(compliance.find((r) => r.school_id === "S3" && r.school_year === "2025")).toMatchObject({ met: "", target_exception: "phase_in", phase_in_until: "2026" });
    expect(compliance.find((r) => r.school_id === "ALL" && r.school_year === "2025")).toMatchObject({ eligible_leaders: "1", rotated_leaders: "1", leader_met: "true" });
  });

  it("rotation_due.csv shows the capped exemption holding, and the teacher another school may not receive", () => {
    const due = table("rotation_due");
    expect(due.find((r) => r.staff_id === "T20")).toMatchObject({ due: "false", exempt: "true", rule_id: "ROT-EXEMPT" });
    expect(due.find((r) => r.staff_id === "T20")!.explanation).toContain("2024-09-01至2027-08-31，已按最长3年截止");
    expect(due.find((r) => r.staff_id === "T4")).toMatchObject({ barred: "true", failed_appraisal_year: "2024" });
  });
});
