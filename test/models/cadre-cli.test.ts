/**
 * The cadre and exit rules through the command line on real files: a small county written as a
 * bureau's export would be (Chinese headers, GB18030 as WPS saves it), `cadreboard ingest`, then
 * `cadreboard models`, and the v2 columns read back from the CSVs the bureau gets.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { csv, gb18030, runIngest, runModels, tempDir, writeFolder, type Rows } from "../ingest/fixtures.ts";

const header = (names: string[]) => names;
const files: Record<string, Rows> = {
  schools: [header(["学校代码", "学校名称", "学段", "城乡类型", "学校层次"]), ["S1", "城关一中", "初中", "城区", "优质"]],
  staff: [
    header(["工号", "姓名", "性别", "出生日期", "学历", "职称", "参加工作时间", "用工性质", "岗位类别"]),
    ["P1", "孕期干部", "女", "1990-04-04", "本科", "一级", "2012-09-01", "在编", "专业技术"],
    ["Q1", "测评干部", "男", "1985-10-10", "本科", "一级", "2009-09-01", "在编", ""],
    ["L1", "副书记", "男", "1972-07-07", "本科", "高级", "1995-09-01", "在编", "管理"],
    ["H1", "三届主任", "男", "1981-01-21", "本科", "一级", "2005-09-01", "在编", ""],
    ["W1", "工勤教辅", "女", "1976-05-05", "中专", "未定级", "2000-09-01", "在编", "工勤"],
  ],
  appointments: [
    header(["工号", "学校代码", "岗位", "处室", "任职时间", "免职时间", "聘任方式", "聘期"]),
    ["P1", "S1", "专任教师", "", "2012-09-01", "", "", ""],
    ["P1", "S1", "中层副职", "办公室", "2022-09-01", "", "竞聘", 3],
    ["Q1", "S1", "专任教师", "", "2009-09-01", "", "", ""],
    ["Q1", "S1", "中层副职", "教导处", "2023-09-01", "", "竞聘", 3],
    ["L1", "S1", "副书记", "", "2012-09-01", "", "任命", ""],
    ["H1", "S1", "专任教师", "", "2005-09-01", "", "", ""],
    ["H1", "S1", "中层正职", "安全办", "2019-09-01", "2022-08-31", "竞聘", 3],
    ["H1", "S1", "中层正职", "安全办", "2022-09-01", "2025-08-31", "竞聘", 3],
    ["H1", "S1", "中层正职", "安全办", "2025-09-01", "", "竞聘", 3],
    ["W1", "S1", "教辅", "", "2000-09-01", "", "", ""],
  ],
  appraisals: [
    header(["工号", "考核年度", "考核等次", "应到人数", "实到人数", "优秀票", "称职票", "基本称职票", "不称职票"]),
    ["P1", 2025, "不称职", "", "", "", "", "", ""],
    ["Q1", 2025, "称职", 30, 20, 5, 6, 5, 4],
  ],
  rotations: [header(["工号", "原学校代码", "交流学校代码", "交流开始", "交流形式"])],
  exemptions: [header(["工号", "暂缓原因", "起始日期", "终止日期"]), ["P1", "孕期", "2026-01-10", "2026-09-30"], ["P1", "产期", "2026-08-15", "2027-01-31"]],
};

let out: string;
beforeAll(() => {
  const dir = writeFolder(Object.fromEntries(Object.entries(files).map(([name, rows]) => [name, gb18030(csv(rows))])));
  const warehouse = join(tempDir("warehouse"), "county.duckdb");
  const ingest = runIngest(dir, warehouse);
  expect(ingest.status, ingest.stderr).toBe(0);
  expect(ingest.stdout).toMatch(/exemptions\.csv: read 2, loaded 2, rejected 0/);
  out = tempDir("out");
  const models = runModels(warehouse, out);
  expect(models.status, models.stderr).toBe(0);
}, 120_000);

/** A contract CSV as rows of strings (the files hold no quoted commas here). */
function table(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(out, `${name}.csv`), "utf8").trim().split("\n");
  const names = head!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i]!, cell])));
}

describe("cadreboard models on a GB18030 export (v2 columns)", () => {
  it("pending_exits has the v2 columns: protected, protected_until, term_limit, notify_by", () => {
    expect(readFileSync(join(out, "pending_exits.csv"), "utf8").split("\n")[0]).toBe(
      "staff_id,school_id,post,exit_type,due_date,rule_id,explanation,overdue,protected,protected_until,notify_by,direct_hire_from,trial_competent",
    );
  });

  it.each([
    ["P1", "appraisal_dismissal", "2025-12-31", "true", "2027-01-31", "pregnancy then maternity: barred until the maternity leave ends"],
    ["Q1", "vote_dismissal", "2025-12-31", "false", "", "20 of 30 took part (exactly 2/3): valid, and 11 of 20 is below 60 %"],
    ["L1", "term_end", "2027-08-31", "false", "", "a 2012 spell open today: the fifth term ends 2027-08-31"],
    ["H1", "term_limit", "2028-08-31", "false", "", "three term records in one middle post: the third is the last"],
    ["W1", "retirement", "2027-02-01", "false", "", "岗位类别 工勤 in a 教辅 post: the women's 50 track"],
  ])("%s: %s due %s, protected %s until %s (%s)", (staffId, exitType, due, isProtected, until) => {
    const row = table("pending_exits").find((r) => r.staff_id === staffId && r.exit_type === exitType);
    expect(row).toMatchObject({ due_date: due, protected: isProtected, protected_until: until });
  });

  it("only the barred dismissal is protected, and term exits carry the notice date", () => {
    const rows = table("pending_exits");
    expect(rows.filter((r) => r.protected === "true").map((r) => `${r.staff_id} ${r.exit_type}`)).toEqual(["P1 appraisal_dismissal"]);
    expect(rows.find((r) => r.staff_id === "L1")).toMatchObject({ notify_by: "2027-08-01" });
  });
});
