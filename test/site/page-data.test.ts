/**
 * The page data functions on a tiny county the models computed from raw records
 * (support/county.ts), per audience: what each build's JSON may and may not contain, and the
 * counts each page shows, worked out from the policy rules. (The built-site tests,
 * test/site/site-<audience>.test.ts, repeat the privacy search on every output file.)
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { allowanceData } from "../../src/site/allowance.ts";
import { exitsData } from "../../src/site/exits.ts";
import { decodeColumn, rowsFromColumns as fromColumns } from "../../reports/components/columns.js";
import { outlookData } from "../../src/site/outlook.ts";
import { overviewData } from "../../src/site/overview.ts";
import { planData } from "../../src/site/plan.ts";
import { qualityData } from "../../src/site/quality.ts";
import { rotationData } from "../../src/site/rotation.ts";
import { structureData } from "../../src/site/structure.ts";
import { summaryData } from "../../src/site/summary.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { build, copyStaffNames, type Row } from "../models/given.ts";
import { pageContext } from "./support/context.ts";
import { asOf, county } from "./support/county.ts";
import { hostileNames } from "./support/hostile.ts";
import { addGivenPlan } from "./support/plan.ts";

const pages = { overviewData, structureData, rotationData, planData, allowanceData, exitsData, outlookData, summaryData, qualityData };
let db: Database;
beforeAll(async () => {
  db = await build(county, asOf);
  await copyStaffNames(db);
  // The coming round's plan, as the site build drafts it beside the marts: chosen rows, so that
  // each audience's share of it is known (the tiny county's own draft moves nobody).
  await addGivenPlan(db, {
    moves: [
      // S2's T203, a backbone teacher, to weak S3; S3's T301 to S1; S1's T002 rotates post at home
      { staff_id: "T203", from_school_id: "S2", to_school_id: "S3", backbone: true },
      { staff_id: "T301", from_school_id: "S3", to_school_id: "S1" },
      { staff_id: "T002", from_school_id: "S1", to_school_id: "S1", post_group: "middle", rule_id: "ROT-MC6" },
    ],
    checks: [
      { school_id: "ALL", rule_id: "PLAN-BACKBONE", holds: true, required: 1, planned: 1, explanation: "骨干教师占派出教师的 50%（≥20%）" },
      { school_id: "ALL", rule_id: "PLAN-QUOTA", holds: false, required: 0, planned: 2, explanation: "接收超过编制：T203（S3）、T301（S1）" },
      { school_id: "S3", rule_id: "PLAN-QUOTA", holds: false, required: 0, planned: 1, explanation: "S3 无空余编制，接收 T203" },
      { school_id: "S1", rule_id: "PLAN-QUOTA", holds: false, required: 0, planned: 1, explanation: "S1 无空余编制，接收 T301" },
      // T001 is S1's own (not in the plan): a school build sees his staff ID; T203 is S2's
      { school_id: "ALL", rule_id: "PLAN-WHO", holds: false, required: null, planned: 3, explanation: "可交流而未列入：T001、T203" },
      { school_id: "S2", rule_id: "PLAN-RATIO", holds: true, required: 1, planned: 1, explanation: "派出 1 人（应派出 1 人）" },
    ],
    unplaced: [
      { staff_id: "T007", from_school_id: "S2", reason_rule_id: "PLAN-LEVEL", explanation: "没有同学段学校可接收（PLAN-LEVEL）" },
      { staff_id: "T012", from_school_id: "S3", reason_rule_id: "PLAN-QUOTA", explanation: "同学段学校编制已满（PLAN-QUOTA）" },
    ],
  });
}, 60_000);
afterAll(() => db.close());

const contextFor = (audience: string) => pageContext(db, audience, asOf);

/** What identifies a person: staff ID, name, and ID number where the records give one. */
const identifiers = (person: Row): string[] => [person.staff_id, person.name, person.id_number].filter((value) => typeof value === "string");
/** Whether a value appears in JSON text (as JSON.stringify escapes it). */
const appearsIn = (json: string) => (value: string) => json.includes(JSON.stringify(value).slice(1, -1));
const appointedAt = (schoolId: string, posts?: readonly string[]) =>
  new Set(county.appointments!.filter((row) => row.school_id === schoolId && (!posts || posts.includes(String(row.post)))).map((row) => row.staff_id));

async function allJson(audience: string): Promise<string> {
  const parts = [];
  for (const page of Object.values(pages)) parts.push(JSON.stringify(await page(contextFor(audience))));
  return parts.join("\n");
}

describe("public build data", () => {
  it("holds no name, ID number or staff ID", async () => {
    const json = await allJson("public");
    expect(county.staff!.flatMap(identifiers).filter(appearsIn(json))).toEqual([]);
  });

  it("withholds counts of 1–4, and the counts that would give them back by subtraction; keeps the rest", async () => {
    const rotation = await rotationData(contextFor("public"));
    const round = fromColumns(rotation.compliance).filter((row) => row.school_year === 2025);
    const school = (id: string) => round.find((row) => row.school_id === id)!;
    // Round 2025: S2's six teachers there since 2010 (T201–T205, T007) were eligible; it sent two
    // (T201, T202) and received T106, barred by his 2024 不称职 (ROT-BAR): both 1–4, withheld.
    // Whether the target was met is read off the ratio, so it is withheld with it.
    expect(school("S2")).toMatchObject({ eligible: 6, rotated: null, ratio: null, met: null });
    expect(school("S2").suppressed).toEqual(["rotated", "rotated_eligible", "received_barred", "ratio", "met"]);
    // S1 sent all six of its eligible teachers (T101–T106) and S3 none of its two: the county's 8
    // sent less S1's 6 and S3's 0 would give S2's 2 back, so S1's 6 is withheld too, and S3's two
    // eligible (1–4) with S1's six eligible beside the county's 14
    expect(school("S1")).toMatchObject({ eligible: null, rotated: null, ratio: null, met: null });
    expect(school("S1").suppressed).toEqual(["eligible", "rotated", "rotated_eligible", "ratio", "met"]);
    expect(school("S3")).toMatchObject({ eligible: null, rotated: 0 });
    // the county's figures are kept: 14 eligible, 8 sent (S1's 6 and S2's 2)
    expect(rotation.county.find((row) => row.school_year === 2025)).toMatchObject({ eligible: 14, rotated: 8, met: true });
    expect(rotation.due).toBeNull();
  });

  it("withholds small counts of rotations in and out, and of staff by title, and what would give them back", async () => {
    const summary = await summaryData(contextFor("public"));
    // Typed rows (SummaryData): a column renamed in src/site/summary.ts fails `npm run typecheck` here.
    const moves = fromColumns(summary.moves).filter((row) => row.school_year === 2025);
    const movesOf = (schoolId: string) => moves.find((row) => row.school_id === schoolId);
    // round 2025: S1 sent six and received none (zero is shown); S2 received one and sent two; S3
    // received seven (five from S1, two from S2) and sent none. The county's eight moves are each
    // one in and one out: S1's six out is withheld with S2's two (8 − 6 − 0 = 2), S3's seven in
    // with S2's one (8 − 0 − 7 = 1)
    expect([movesOf("S1")?.rotated_in, movesOf("S1")?.rotated_out]).toEqual([0, null]);
    expect([movesOf("S2")?.rotated_in, movesOf("S2")?.rotated_out]).toEqual([null, null]);
    expect([movesOf("S3")?.rotated_in, movesOf("S3")?.rotated_out]).toEqual([null, 0]);
    expect([movesOf("ALL")?.rotated_in, movesOf("ALL")?.rotated_out]).toEqual([8, 8]);
    const structure = await structureData(contextFor("public"));
    const titles = fromColumns(structure.staffTitles);
    // The public staff tables hold teachers and other staff only: the cadres are counted once, in
    // the cadre tables (a school's leaders by title would be its cadres by title less its middle).
    expect(new Set(titles.map((row) => row.post_group))).toEqual(new Set(["teacher"]));
    // teachers with a senior title: T004 and T008 (2), withheld
    expect(titles.find((row) => row.school_id === "ALL" && row.title === "高级")).toMatchObject({ count: null, suppressed: ["count"] });
  });

  it("lists rejects per file and column, without values or reasons", async () => {
    const quality = await qualityData(contextFor("public"));
    expect(quality.rows).toBeNull();
    expect(JSON.stringify(quality)).not.toContain("110101199901011111");
    expect(JSON.stringify(quality)).not.toContain("八百八");
  });

  it("counts rejected rows and emptied cells apart, with what became of the row (v2)", async () => {
    const quality = await qualityData(contextFor("public"));
    expect(quality.files.find((file) => file.file === "appraisals.csv")).toMatchObject({ rows_rejected: 0, cells_emptied: 1 });
    expect(quality.files.find((file) => file.file === "staff.csv")).toMatchObject({ rows_rejected: 1, cells_emptied: 0 });
    expect(quality.reasons.map((row) => [row.file, row.column, row.action, row.reason, row.count])).toEqual([
      ["appointments.csv", "staff_id", "行未导入", null, 1],
      ["appraisals.csv", "score", "单元格已置空", null, 1],
      ["staff.csv", "id_number", "行未导入", null, 1],
    ]);
  });
});

describe("school build data", () => {
  it("names only its own people and shows no other school's figures", async () => {
    const json = await allJson("school:S1");
    // S1's cadres appear in the cadre, allowance and exit lists; its plain teachers need not.
    const cadres = appointedAt("S1", ["principal", "middle_head"]);
    const own = county.staff!.filter((person) => cadres.has(person.staff_id));
    expect(own.map((person) => person.staff_id)).toEqual(["T001", "T002"]);
    for (const person of own) for (const value of [String(person.staff_id), String(person.name)]) expect(appearsIn(json)(value)).toBe(true);
    // people who never worked at S1, and whom the draft plan does not send there (T301: 交流方案 names S1's incoming)
    const everAtS1 = new Set([...appointedAt("S1"), "T301"]);
    const others = county.staff!.filter((person) => !everAtS1.has(person.staff_id));
    expect(others.flatMap(identifiers).filter(appearsIn(json))).toEqual([]);
    expect(json).not.toContain("城东初中"); // another school's name: its rows are not in a school build
  });

  it("keeps county aggregates", async () => {
    const summary = await summaryData(contextFor("school:S1"));
    expect(fromColumns(summary.rounds).map((row) => row.school_id).sort()).toEqual(["ALL", "S1"]);
    expect([...new Set(fromColumns(summary.moves).map((row) => row.school_id))].sort()).toEqual(["ALL", "S1"]);
    const structure = await structureData(contextFor("school:S1"));
    expect([...new Set(fromColumns(structure.staffTitles).map((row) => row.school_id))].sort()).toEqual(["ALL", "S1"]);
    expect([...new Set(fromColumns(structure.staffEducation).map((row) => row.school_id))].sort()).toEqual(["ALL", "S1"]);
  });
});

it("the annual summary's page data has one type, shared by its builder and this test", async () => {
  const summary = await summaryData(contextFor("public"));
  const [round] = fromColumns(summary.rounds);
  expectTypeOf(round!.competed).toEqualTypeOf<number | null>();
  expectTypeOf(round!.school_id).toEqualTypeOf<string>();
  // @ts-expect-error: no such column; a builder that renamed one would fail here the same way
  expect(round!.competitors).toBeUndefined();
  expect(typeof round!.competed).toBe("number");
});

it("the annual summary carries only what it shows: the county's rotations, the rounds' school years", async () => {
  const summary = await summaryData(contextFor("bureau"));
  // from T003's 支教 in round 2023 (the first rotation) to 2025, the last round ended; 2026's is running
  expect(fromColumns(summary.rotations).map((row) => [row.school_id, row.school_year])).toEqual([["ALL", 2023], ["ALL", 2024], ["ALL", 2025]]);
  // 2025 is the only hiring round
  expect(new Set(fromColumns(summary.moves).map((row) => row.school_year))).toEqual(new Set([2025]));
});

describe("bureau build data", () => {
  it("has every cadre with a name, and the rejected rows", async () => {
    const structure = await structureData(contextFor("bureau"));
    // the cadres in post: S1's T001 and T002, S2's T005, S3's T011
    expect(new Set(decodeColumn(structure.people!.name!))).toEqual(new Set([...hostileNames, "钱七", "陈三"]));
    const quality = await qualityData(contextFor("bureau"));
    expect(quality.rows!.map((row) => [row.file, row.row_number, row.value, row.action])).toEqual([
      ["appointments.csv", 7, "T999", "行未导入"],
      ["appraisals.csv", 3, "八百八", "单元格已置空"],
      ["staff.csv", 14, "110101199901011111", "行未导入"],
    ]);
  });

  it("overview headlines count the county", async () => {
    const overview = await overviewData(contextFor("bureau"));
    // due (ROT-T9): T203–T205 (S2 since 2010, 46), T301 (S3 since 2008) and T012 (S3 since 2016, 42 ≤ 50);
    // exempt: principal T005 (10 years as leader, ROT-P3; nursing) and T007 (ill);
    // below the ratio in round 2025: S3, which sent neither T012 nor T301 (S1 6 of 6, S2 2 of 6 ≥ 15 %);
    // a mismatch: T002's 1.2 for a 称职 head (PAY-MULT 1.1)
    expect(overview).toMatchObject({ rotationDue: 5, rotationExempt: 2, schoolYear: 2025, schoolsBelowRatio: 1, multiplierMismatches: 1, rejectedRows: 2 }); // rows: the emptied cell is not one
    // T008 (retirement 2025-07-01, overdue), T004 (retires 2026-11-01) and T002 (term ends
    // 2027-08-31) are within 12 months; T011's exit age (2027-11) and the principals' term ends are not
    expect(overview.exitsNext12Months).toBe(3);
  });

  it("exits count overdue ones in the as-of month", async () => {
    const exits = await exitsData(contextFor("bureau"));
    const countyMonths = fromColumns(exits.byMonth).filter((row) => row.school_id === "ALL");
    // T008's retirement, overdue since 2025-07-01, is counted in the as-of month
    expect(countyMonths).toContainEqual({ school_id: "ALL", month: "2026-09", kind: "法定退休", count: 1 });
    expect(decodeColumn(exits.people!.overdue!).filter(Boolean)).toHaveLength(1);
  });

  it("lists exemptions ending within the warning window", async () => {
    const rotation = await rotationData(contextFor("bureau"));
    // within 6 months of 2026-09-01: T007's (2026-10-15), then T005's (2026-12-31); T003's capped one runs to 2027-08-31
    expect(rotation.expiring!.map((row) => row.staff_id)).toEqual(["T007", "T005"]);
  });
});

it("allowance marks the mismatch", async () => {
  const allowance = await allowanceData(contextFor("bureau"));
  const mismatched = fromColumns(allowance.people!).filter((row) => row.mismatch).map((row) => row.staff_id);
  // T001's 1.5 is PAY-MULT's for an 优秀 principal; T002's 1.2 is not a 称职 head's 1.1
  expect(new Set(mismatched)).toEqual(new Set(["T002"]));
});

describe("交流方案: each audience's share of the plan", () => {
  const people = (data: Awaited<ReturnType<typeof planData>>) => (data.people ? fromColumns(data.people) : null);

  it("the bureau sees every move and every person not placed, with names", async () => {
    const plan = await planData(contextFor("bureau"));
    expect(plan.schoolYear).toBe(2027);
    expect(people(plan)!.map((row) => [row.staff_id, row.name, row.from_school_id, row.to_school_id, row.type])).toEqual([
      ["T002", hostileNames[1], "S1", "S1", "校内轮岗"],
      ["T203", "教师T203", "S2", "S3", "校际交流"],
      ["T301", "教师T301", "S3", "S1", "校际交流"],
    ]);
    expect(fromColumns(plan.unplaced!).map((row) => [row.staff_id, row.name, row.reason_rule_id])).toEqual([["T007", "周九", "PLAN-LEVEL"], ["T012", '=HYPERLINK("http://x")', "PLAN-QUOTA"]]);
    // the checks that do not hold, per school; the county's all
    expect(fromColumns(plan.checks!).map((row) => [row.school_id, row.rule_id])).toEqual([["S1", "PLAN-QUOTA"], ["S3", "PLAN-QUOTA"]]);
    expect(plan.countyChecks.map((row) => [row.rule_id, row.holds, row.explanation])).toEqual([
      ["PLAN-BACKBONE", true, "骨干教师占派出教师的 50%（≥20%）"],
      ["PLAN-QUOTA", false, "接收超过编制：T203（S3）、T301（S1）"],
      ["PLAN-WHO", false, "可交流而未列入：T001、T203"],
    ]);
    // S2 must send ⌈15 % × its 4 eligible teachers⌉ = 1 and sends T203, a backbone teacher
    const summary = fromColumns(plan.summary);
    expect(summary.find((row) => row.school_id === "S2")).toMatchObject({ eligible: 4, required: 1, sent: 1, sent_teachers: 1, backbone_sent: 1, backbone_share: 1, received: 0, reached: true, unplaced: 1 });
    expect(summary.find((row) => row.school_id === "ALL")).toMatchObject({ sent: 2, received: 2, post_rotations: 1, unplaced: 2, reached: null });
    expect(plan.tierFlows).toEqual([{ from: "薄弱", to: "优质", count: 1 }, { from: "一般", to: "薄弱", count: 1 }]);
  });

  it("a school sees only its own people going and coming, its own row and checks, and the county's totals", async () => {
    const plan = await planData(contextFor("school:S1"));
    // T301 comes from S3; T002 rotates post in S1; S2's T203 and the unplaced of S2 and S3 are not S1's
    expect(people(plan)!.map((row) => row.staff_id)).toEqual(["T002", "T301"]);
    expect(fromColumns(plan.unplaced!)).toEqual([]);
    expect(fromColumns(plan.summary).map((row) => row.school_id)).toEqual(["ALL", "S1"]);
    expect(fromColumns(plan.checks!).map((row) => row.school_id)).toEqual(["S1"]);
    // the county's check names T203, who is not S1's: his staff ID is left out
    expect(plan.countyChecks.find((row) => row.rule_id === "PLAN-QUOTA")!.explanation).toBe("接收超过编制：他校人员（S3）、T301（S1）");
    // its own people are named wherever a check lists them, in the plan or not
    expect(plan.countyChecks.find((row) => row.rule_id === "PLAN-WHO")!.explanation).toBe("可交流而未列入：T001、他校人员");
    // the flows are the school's own: T301 from weak S3 to strong S1
    expect(plan.tierFlows).toEqual([{ from: "薄弱", to: "优质", count: 1 }]);
    // S3 is named (T301 comes from it); S2 is not
    expect(fromColumns(plan.schools).map((row) => row.school_id)).toEqual(["S1", "S3"]);
    const json = JSON.stringify(plan);
    for (const other of ["T203", "T007", "T012", "周九", "教师T203"]) expect(json).not.toContain(other);
  });

  it("the public sees counts only: no staff ID or name anywhere, the small ones withheld", async () => {
    const plan = await planData(contextFor("public"));
    expect([plan.people, plan.unplaced, plan.checks]).toEqual([null, null, null]);
    const json = JSON.stringify(plan);
    expect(county.staff!.flatMap(identifiers).filter(appearsIn(json))).toEqual([]);
    expect(json).not.toMatch(/"(staff_id|name)"/);
    // whether the county's rules hold is published, not the explanation that names the people
    expect(plan.countyChecks.map((row) => [row.rule_id, row.holds, row.explanation, row.planned])).toEqual([["PLAN-BACKBONE", true, null, null], ["PLAN-QUOTA", false, null, null], ["PLAN-WHO", false, null, null]]);
    // every count here is 1 or 2 people: withheld, and the shares and targets read off them; zeros are shown
    const s2 = fromColumns(plan.summary).find((row) => row.school_id === "S2")!;
    expect(s2).toMatchObject({ sent: null, backbone_share: null, reached: null, received: 0 });
    expect(plan.tierFlows.map((row) => row.count)).toEqual([null, null]);
  });
});
