/**
 * `cadreboard outlook` through the command line on a county written as CSV, as a bureau exports
 * it: ingest, then outlook.csv read back; `cadreboard models` does not write it (the contract
 * names `outlook` as the outlook command's table), and the exit statuses are the contract's.
 */
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../bench/compare.ts";
import { runIngest, runModels, tempDir, writeFolder, type Rows } from "../ingest/fixtures.ts";

const files: Record<string, Rows> = {
  schools: [
    ["学校代码", "学校名称", "片区", "学段", "城乡类型", "学校层次", "核定编制", "偏远学校", "分批完成年度"],
    ["S1", "城关小学", "城区片", "小学", "城区", "优质", 40, "", ""],
    ["S2", "东岙小学", "东片", "小学", "农村", "一般", 20, "", ""],
  ],
  staff: [
    ["工号", "姓名", "性别", "出生日期", "最高学历", "职称", "参加工作时间", "骨干层次", "用工性质"],
    // 9.0 years on 2028-09-01: due from 2028
    ["T1", "教师甲", "男", "1985-03-01", "本科", "一级", "2008-09-01", "", "在编"],
    // 60 + 14 months: retires 2030-07-01, in school year 2029
    ["R1", "教师乙", "男", "1969-05-10", "本科", "高级", "1990-09-01", "骨干教师", "在编"],
    // principal at S2 since 2019-09-01: ROT-P3 due from 2028
    ["P1", "校长甲", "男", "1975-03-01", "研究生", "高级", "1996-09-01", "", "在编"],
    // middle head, exactly 40 on 2027-08-31
    ["M1", "主任甲", "女", "1987-08-31", "本科", "一级", "2009-09-01", "", "在编"],
  ],
  appointments: [
    ["工号", "学校代码", "岗位", "处室", "任职时间", "免职时间", "聘任方式"],
    ["T1", "S1", "专任教师", "", "2019-09-01", "", ""],
    ["R1", "S1", "专任教师", "", "2020-09-01", "", ""],
    ["P1", "S2", "专任教师", "", "2005-09-01", "", ""],
    ["P1", "S2", "校长", "", "2019-09-01", "", "任命"],
    ["M1", "S1", "专任教师", "", "2020-09-01", "", ""],
    ["M1", "S1", "中层正职", "教导处", "2024-09-01", "", "竞聘"],
  ],
  appraisals: [["工号", "考核年度", "考核等次"]],
  rotations: [["工号", "原学校代码", "交流学校代码", "交流开始", "交流结束", "交流形式", "人事关系随迁"]],
  exemptions: [["工号", "暂缓原因", "起始日期", "终止日期"]],
};

let warehouse: string;
let dir: string;
const cadreboard = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/cadreboard.mjs", ...args], { cwd: join(import.meta.dirname, "../.."), encoding: "utf8", env: { ...process.env, TZ: "UTC" } });

beforeAll(() => {
  dir = tempDir("outlook-cli");
  warehouse = join(dir, "county.duckdb");
  const ingested = runIngest(writeFolder(files), warehouse);
  expect(ingested.status, ingested.stderr).toBe(0);
}, 120_000);

describe("cadreboard outlook", () => {
  it("writes outlook.csv with the contract's columns first, three years with --years 3", () => {
    const out = join(dir, "outlook");
    const result = cadreboard("outlook", "--warehouse", warehouse, "--as-of", "2026-12-02", "--out", out, "--years", "3");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("outlook.csv\t9 rows");
    const rows = parseCsv(readFileSync(join(out, "outlook.csv"), "utf8"));
    expect(Object.keys(rows[0]!).slice(0, 10)).toEqual([
      "school_year", "school_id", "teachers_due", "leaders_due", "retirements", "cadre_age_exits", "term_ends", "cadres", "cadres_40_or_under", "backbone",
    ]);
    const county = rows.filter((row) => row.school_id === "ALL").map((row) => [row.school_year, row.teachers_due, row.leaders_due, row.retirements, row.cadres, row.cadres_40_or_under, row.backbone]);
    expect(county).toEqual([
      ["2027", "0", "0", "0", "2", "1", "1"],
      // M1 is 41; T1 (9.0 years) and P1 (9.0 years as principal) are due
      ["2028", "1", "1", "0", "2", "0", "1"],
      // M1 (at S1 since 2020-09-01) reaches 9.0 years too; R1 retires 2030-07-01: counted in 2029, the year he leaves
      ["2029", "2", "1", "1", "2", "0", "1"],
    ]);
  }, 120_000);

  it("is not written by `cadreboard models`", () => {
    const out = join(dir, "models");
    const result = runModels(warehouse, out, "2026-12-02");
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(out, "outlook.csv"))).toBe(false);
  }, 120_000);

  it.each([
    [["--warehouse", "missing.duckdb", "--as-of", "2026-12-02", "--out", "o"], 1, /warehouse missing\.duckdb not found/],
    [["--as-of", "2026-12-02", "--out", "o"], 2, /"outlook" needs --warehouse/],
    [["--warehouse", "w", "--out", "o", "--years", "two"], 2, /--years must be a whole number/],
  ])("%j exits %i", (args, status, message) => {
    const result = cadreboard("outlook", ...args);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
  });
});
