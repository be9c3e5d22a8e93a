/**
 * The cadre, exit and pay pages' data on a small county built by the models from given rows
 * (test/models/given.ts), per audience: protected dismissals apart and out of the counts, young
 * cadres by the policy's age, the reserve pool, eased workloads, 待岗 stages, the direct-hire
 * window and score checks, with names only where the audience may see them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsFromColumns as fromColumns } from "../../reports/components/columns.js";
import { allowanceData } from "../../src/site/allowance.ts";
import { exitsData } from "../../src/site/exits.ts";
import { overviewData } from "../../src/site/overview.ts";
import { qualityData } from "../../src/site/quality.ts";
import { structureData } from "../../src/site/structure.ts";
import { summaryData } from "../../src/site/summary.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { pageContext } from "./support/context.ts";
import { build, copyStaffNames, person, post, type Row } from "../models/given.ts";

const asOf = "2026-09-01";
const names = { P1: "孕期干部甲", Y1: "年轻干部乙", R1: "后备人选丙", C1: "照顾对象丁", A1: "待岗人员戊", D1: "临近退休己" };
const staff: Row[] = [
  // a middle deputy appraised 不称职 in 2025, pregnant on the as-of date: dismissal barred (EXIT-PROTECT)
  person("P1", { name: names.P1, gender: "F", birth_date: "1990-04-04" }),
  // a middle head aged exactly 40: a young cadre (40周岁以下 includes 40)
  person("Y1", { name: names.Y1, birth_date: "1986-09-01" }),
  // a teacher meeting APT-RESERVE: 36, 10 years here, class teacher since 2020
  person("R1", { name: names.R1, birth_date: "1990-01-01" }),
  // a man of 56 at S2: workload eased (PAY-CARE)
  person("C1", { name: names.C1, birth_date: "1970-03-10" }),
  // 待岗 since the 2023 round: salary stopped (EXIT-AWAIT)
  person("A1", { name: names.A1, birth_date: "1980-01-01" }),
  // retiring 2026-10-01: may be hired directly (EXIT-RETIRE)
  person("D1", { name: names.D1, birth_date: "1966-05-10" }),
];
const appointments: Row[] = [
  post("P1", "S1", "2012-09-01"), post("P1", "S1", "2022-09-01", { post: "middle_deputy", department: "德育处" }),
  post("Y1", "S1", "2008-09-01"), post("Y1", "S1", "2021-09-01", { post: "middle_head", department: "教导处" }),
  post("R1", "S1", "2016-09-01"), post("R1", "S1", "2020-09-01", { post: "class_teacher" }),
  post("C1", "S2", "1995-09-01"),
  post("A1", "S2", "2005-09-01", { end_date: "2023-08-31" }), post("A1", "S2", "2023-09-01", { post: "awaiting_post", method: "not_hired", round: 2023 }),
  post("D1", "S2", "1990-09-01"),
];
const appraisals: Row[] = [
  { staff_id: "P1", year: 2025, grade: "incompetent" },
  { staff_id: "Y1", year: 2025, grade: "competent", score: 851, attitude: 51, ability: 50, duties: 450, results: 300 },
];
const exemptions: Row[] = [{ staff_id: "P1", reason: "pregnancy", start_date: "2026-05-01", end_date: "2027-01-31" }];

let db: Database;
beforeAll(async () => {
  db = await build({ staff, appointments, appraisals, exemptions }, asOf);
  // as the site build copies names from the warehouse beside the marts (src/site/marts.ts)
  await copyStaffNames(db);
}, 60_000);
afterAll(() => db.close());

const contextFor = (audience: string) => pageContext(db, audience, asOf);

describe("待退出: dismissals barred by EXIT-PROTECT", () => {
  it("are counted apart, not with the pending exits", async () => {
    const exits = await exitsData(contextFor("bureau"));
    const pending = fromColumns(exits.byMonth).filter((row) => row.school_id === "ALL");
    expect(pending.some((row) => row.kind === "考核不称职解聘")).toBe(false);
    expect(fromColumns(exits.protectedCounts)).toContainEqual({ school_id: "ALL", kind: "考核不称职解聘", count: 1 });
    const barred = fromColumns(exits.people!).filter((row) => row.protected);
    expect(barred).toEqual([expect.objectContaining({ staff_id: "P1", name: names.P1, protected_until: "2027-01-31", kind: "考核不称职解聘" })]);
    expect(exits.protectionReasons).toBe("孕期、产期、哺乳期、重病、工伤");
  });

  it("are left out of the overview's headline", async () => {
    const overview = await overviewData(contextFor("bureau"));
    // D1 retires 2026-10-01 and Y1's term ends 2027-08-31; P1's dismissal (due 2025-12-31, so
    // overdue and within 12 months) is barred, and her term runs to 2028-08-31: she is not counted
    expect(overview.exitsNext12Months).toBe(2);
  });

  it("the public build has the counts only, suppressed below 5", async () => {
    const exits = await exitsData(contextFor("public"));
    expect(exits.people).toBeNull();
    expect(fromColumns(exits.protectedCounts)).toContainEqual({ school_id: "ALL", kind: "考核不称职解聘", count: null, suppressed: ["count"] });
  });

  it("lists 待岗 people by stage (EXIT-AWAIT), names for the school's own build only", async () => {
    const own = await exitsData(contextFor("school:S2"));
    expect(fromColumns(own.awaitingPeople!)).toEqual([expect.objectContaining({ staff_id: "A1", name: names.A1, stage: "停发工资", salary_stops_on: "2026-09-01" })]);
    const other = await exitsData(contextFor("school:S1"));
    expect(fromColumns(other.awaitingPeople!)).toEqual([]);
    expect(fromColumns(other.awaitingCounts)).toEqual([{ school_id: "ALL", stage: "停发工资", count: 1 }]);
  });
});

describe("干部结构: young cadres and the reserve pool", () => {
  it("counts a cadre of exactly 40 as young, and labels the column with the policy's age", async () => {
    const structure = await structureData(contextFor("bureau"));
    expect(structure.youngCadreMaxAge).toBe(40);
    expect(fromColumns(structure.summary)).toContainEqual(expect.objectContaining({ school_id: "S1", post_group: "中层干部", cadres: 2, young: 2 }));
  });

  it("lists the reserve pool with names in the bureau build, counts only in the public one", async () => {
    const bureau = await structureData(contextFor("bureau"));
    expect(fromColumns(bureau.reservePeople!)).toEqual([expect.objectContaining({ staff_id: "R1", name: names.R1, candidate_for: "中层干部" })]);
    const pub = await structureData(contextFor("public"));
    expect(pub.reservePeople).toBeNull();
    expect(fromColumns(pub.reserveCounts)).toContainEqual({ school_id: "S1", candidate_for: "中层干部", count: null, suppressed: ["count"] });
  });
});

it("绩效津贴 lists the eased workloads (PAY-CARE) per post group", async () => {
  const allowance = await allowanceData(contextFor("bureau"));
  expect(fromColumns(allowance.carePeople!).map((row) => row.staff_id)).toEqual(["C1", "D1"]);
  expect(fromColumns(allowance.careCounts)).toContainEqual({ school_id: "S2", post_group: "教师", count: 2 });
});

it("年度总结 counts direct-hire candidates and 待岗 stages, no person in it", async () => {
  const summary = await summaryData(contextFor("bureau"));
  // D1 retires 2026-10-01, C1 (born 1970-03, 16 months' delay) 2031-07-01: both within five years
  expect(fromColumns(summary.directHire)).toEqual([{ school_id: "ALL", count: 2 }, { school_id: "S2", count: 2 }]);
  expect(fromColumns(summary.awaiting)).toEqual([{ school_id: "ALL", stage: "停发工资", count: 1 }, { school_id: "S2", stage: "停发工资", count: 1 }]);
  expect(JSON.stringify(summary)).not.toMatch(/P1|Y1|R1|C1|A1|D1/);
});

it("数据质量 shows the score checks (PAY-SCORE): rows for the bureau, counts for the public", async () => {
  const bureau = await qualityData(contextFor("bureau"));
  expect(fromColumns(bureau.scoreRows!)).toEqual([expect.objectContaining({ staff_id: "Y1", name: names.Y1, column: "职业态度", value: 51, maximum: 50 })]);
  const pub = await qualityData(contextFor("public"));
  expect(pub.scoreRows).toBeNull();
  expect(fromColumns(pub.scoreCounts)).toContainEqual({ school_id: "ALL", column: "职业态度", problem: "超过满分", count: null, suppressed: ["count"] });
});
