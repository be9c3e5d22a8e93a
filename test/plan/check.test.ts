import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/check.ts";
import type { PlanContext, PlanMove, PlanRuleId } from "../../src/plan/context.ts";
import { between, county, passingPlan, post } from "./fixture.ts";

const failing = (context: PlanContext, moves: PlanMove[]) => checkPlan(context, moves).filter((row) => !row.holds);
const failingRules = (context: PlanContext, moves: PlanMove[]): PlanRuleId[] => [...new Set(failing(context, moves).map((row) => row.ruleId))];
const row = (context: PlanContext, moves: PlanMove[], ruleId: PlanRuleId, schoolId: string) => {
  const found = checkPlan(context, moves).find((item) => item.ruleId === ruleId && item.schoolId === schoolId);
  if (!found) throw new Error(`no ${ruleId} row for ${schoolId}`);
  return found;
};
const without = (moves: PlanMove[], ...ids: string[]) => moves.filter((move) => !ids.includes(move.staffId));

describe("checkPlan: the shape of plan_checks", () => {
  it("gives one row per school × per-school rule and an ALL row per rule, in the digest's order, ALL first", () => {
    const rows = checkPlan(county(), passingPlan());
    const rules = [...new Set(rows.map((item) => item.ruleId))];
    expect(rules).toEqual(["PLAN-WHO", "PLAN-RATIO", "PLAN-BACKBONE", "PLAN-NO-REVERSE", "PLAN-QUOTA", "PLAN-BAR", "PLAN-HEAD-FIRST", "PLAN-LEVEL"]);
    expect(rows.filter((item) => item.ruleId === "PLAN-WHO").map((item) => item.schoolId)).toEqual(["ALL", "A", "B", "C", "D", "E", "R"]);
    expect(rows.filter((item) => item.ruleId === "PLAN-BACKBONE").map((item) => item.schoolId)).toEqual(["ALL"]);
    expect(rows.every((item) => item.schoolYear === 2027 && item.explanation.startsWith(`${item.ruleId}：`))).toBe(true);
  });

  it("does not depend on the order of the moves", () => {
    const moves = [...passingPlan(), between("B1", "B", "A")];
    expect(checkPlan(county(), [...moves].reverse())).toEqual(checkPlan(county(), moves));
  });

  it("passes a plan that keeps every rule", () => {
    expect(failing(county(), passingPlan())).toEqual([]);
  });
});

describe("checkPlan: each rule broken alone", () => {
  // [rule, plan, the rows that fail (school IDs), staff IDs the failing school row names, words the explanation holds, why]
  const cases: [PlanRuleId, string, PlanMove[], string[], string[], string][] = [
    ["PLAN-WHO", "a post rotation is for middle cadres (ROT-MC6)", [...passingPlan(), post("A2", "A")], ["ALL", "A"], ["A2"], "不是中层干部"],
    ["PLAN-WHO", "a middle cadre near the exit age is not rotated", [...passingPlan(), post("A11", "A")], ["ALL", "A"], ["A11"], "ROT-MC-AGE"],
    ["PLAN-WHO", "someone the round did not judge", [...passingPlan(), post("X9", "A")], ["ALL", "A"], ["X9"], "不是本轮评判的在编教师或干部"],
    ["PLAN-WHO", "exempt, with the rule that holds them back", [...without(passingPlan(), "C1"), between("C3", "C", "D")], ["ALL", "C"], ["C3"], "暂缓交流（ROT-EXEMPT）"],
    ["PLAN-WHO", "still serving a rotation (ROT-SERVE)", [...without(passingPlan(), "C1"), between("C4", "C", "D")], ["ALL", "C"], ["C4"], "至 2028-08-31"],
    ["PLAN-WHO", "not due", [...without(passingPlan(), "C1"), between("C5", "C", "D")], ["ALL", "C"], ["C5"], "本轮未到交流条件（ROT-T9）"],
    ["PLAN-WHO", "due by ROT-T9 but near the cadre exit age: none under ROT-MC-AGE", [...without(passingPlan(), "C1"), between("C6", "C", "D")], ["ALL", "C"], ["C6"], "临近干部退出年龄（ROT-MC-AGE）"],
    ["PLAN-WHO", "one person twice", [...passingPlan(), post("A8", "A")], ["ALL", "A"], ["A8"], "重复"],
    ["PLAN-RATIO", "C and D send nobody", without(passingPlan(), "C1", "D1"), ["C", "D"], ["C1", "C2"], "应至少交流 1 人（符合条件 4 人 × 10%，向上取整），方案交流 0 人，尚缺 1 人"],
    ["PLAN-RATIO", "no leader moves: ALL is the leaders' row", without(passingPlan(), "A9"), ["ALL"], ["A9", "B3"], "全县校级干部应至少交流 1 人"],
    ["PLAN-BACKBONE", "1 backbone among 6 teachers sent", [...passingPlan(), between("A2", "A", "B"), between("A3", "A", "B")], ["ALL"], ["B1", "C2"], "骨干教师应至少 2 人"],
    ["PLAN-NO-REVERSE", "a backbone teacher from a general school to a strong one", [...passingPlan(), between("B1", "B", "A")], ["ALL", "B"], ["B1"], "B1（B → A）"],
    ["PLAN-QUOTA", "C has no quota and receives more than it sends", [...passingPlan(), between("D2", "D", "C")], ["ALL", "C"], ["D1", "D2"], "未核定编制，接收人数应等于交出人数 1 人，方案接收 2 人"],
    ["PLAN-BAR", "a barred teacher placed in another school", [...passingPlan(), between("A10", "A", "B")], ["ALL", "A"], ["A10"], "2025 年度考核不合格"],
    ["PLAN-HEAD-FIRST", "the deputy goes, the head due too does not", without(passingPlan(), "A7"), ["ALL", "A"], ["A7", "A8"], "教导处副职 A8 已列入，而同样到期的正职 A7 未列入"],
    ["PLAN-LEVEL", "a junior-school teacher sent to a senior school", [...without(passingPlan(), "C1"), between("C1", "C", "E")], ["ALL", "C"], ["C1"], "C1（C 初中 → E 高中，学段不同）"],
  ];

  it.each(cases)("%s fails alone: %s", (ruleId, _why, moves, schools, staffIds, words) => {
    const context = county();
    expect(failingRules(context, moves)).toEqual([ruleId]);
    const rows = failing(context, moves);
    expect(rows.map((item) => item.schoolId)).toEqual(schools);
    const named = rows.find((item) => item.schoolId !== "ALL") ?? rows[0]!;
    expect(named.staffIds).toEqual(staffIds);
    for (const id of staffIds) expect(named.explanation).toContain(id);
    expect(named.explanation).toContain(words);
  });
});

describe("checkPlan: boundaries", () => {
  it("PLAN-RATIO holds at exactly the required count, and a remote school holds and says why", () => {
    const context = county();
    const school = row(context, passingPlan(), "PLAN-RATIO", "C");
    expect([school.holds, school.required, school.planned]).toEqual([true, 1, 1]);
    const remote = row(context, passingPlan(), "PLAN-RATIO", "R");
    expect([remote.holds, remote.required]).toEqual([true, 0]);
    expect(remote.explanation).toContain("ROT-REMOTE");
  });

  it.each<[number, string[], number, boolean, string]>([
    // [eligible leaders, leader moves, required, holds, why]
    [7, ["A9", "B3"], 2, true, "7 × 15% = 1.05 → 2: two is enough"],
    [7, ["A9"], 2, false, "7 × 15% = 1.05 → 2: one is not"],
    [6, ["A9"], 1, true, "6 × 15% = 0.9 → 1"],
    [0, [], 0, true, "no eligible leader, none required"],
  ])("PLAN-RATIO leaders: %i eligible, %j moved → required %i, holds %s (%s)", (eligible, moved, required, holds) => {
    const context = county();
    context.schools = context.schools.map((school) => ({ ...school, eligibleLeaders: school.schoolId === "A" ? eligible : 0 }));
    const moves = [...without(passingPlan(), "A9"), ...moved.map((id) => (id === "A9" ? between("A9", "A", "B") : between("B3", "B", "A")))];
    const county_ = row(context, moves, "PLAN-RATIO", "ALL");
    expect([county_.required, county_.planned, county_.holds]).toEqual([required, moved.length, holds]);
  });

  it("PLAN-BACKBONE holds at exactly 20% (1 backbone among 5 teachers sent), fails at 1 in 6", () => {
    const context = county();
    const five = row(context, [...passingPlan(), between("A2", "A", "B")], "PLAN-BACKBONE", "ALL");
    expect([five.holds, five.required, five.planned]).toEqual([true, 1, 1]);
    const six = row(context, [...passingPlan(), between("A2", "A", "B"), between("A3", "A", "B")], "PLAN-BACKBONE", "ALL");
    expect([six.holds, six.required, six.planned]).toEqual([false, 2, 1]);
  });

  it("PLAN-BACKBONE says how many the records allow when too few backbone teachers are eligible", () => {
    const context = county();
    context.people = context.people.map((person) => (person.staffId === "B1" || person.staffId === "C2" ? { ...person, backbone: false } : person));
    const result = row(context, [...passingPlan(), between("A2", "A", "B"), between("A3", "A", "B")], "PLAN-BACKBONE", "ALL");
    expect(result.holds).toBe(false);
    expect(result.explanation).toContain("只有 1 人");
  });

  it("PLAN-BACKBONE does not count a leader as a teacher sent", () => {
    const result = row(county(), passingPlan(), "PLAN-BACKBONE", "ALL");
    expect(result.explanation).toContain("教师 4 人");
  });

  it("PLAN-NO-REVERSE: equal numbers each way do not outnumber; no backbone move at all does not either", () => {
    const none = row(county(), [...without(passingPlan(), "A1"), between("A2", "A", "B")], "PLAN-NO-REVERSE", "ALL");
    expect([none.holds, none.required, none.planned]).toEqual([false, 1, 0]);
    expect(none.explanation).toContain("A1"); // the strong school's backbone teacher who could go
  });

  it("PLAN-QUOTA: a school with a quota may receive up to sent + free places, not one more", () => {
    const context = county();
    // D sends D1 and D2 and has 1 free place: it may receive 3
    const base = [...without(passingPlan(), "C1"), between("D2", "D", "C")];
    const three = row(context, [...base, ...["C1", "C2", "C5"].map((id) => between(id, "C", "D"))], "PLAN-QUOTA", "D");
    expect([three.holds, three.required, three.planned]).toEqual([true, 3, 3]);
    const four = row(context, [...base, ...["C1", "C2", "C4", "C5"].map((id) => between(id, "C", "D"))], "PLAN-QUOTA", "D");
    expect([four.holds, four.required, four.planned]).toEqual([false, 3, 4]);
    expect(four.staffIds).toEqual(["C1", "C2", "C4", "C5"]);
  });

  it("reads every share from the context, never a default (a leak test with other numbers)", () => {
    const context = county();
    context.shares = { leaderNumerator: 1, leaderDenominator: 3, backboneNumerator: 1, backboneDenominator: 4, barYears: 3 };
    context.schools = context.schools.map((school) => ({ ...school, eligibleLeaders: school.schoolId === "A" ? 4 : 0 }));
    const leaders = row(context, passingPlan(), "PLAN-RATIO", "ALL");
    expect([leaders.required, leaders.holds]).toEqual([2, false]); // ⌈4 × 1/3⌉
    expect(leaders.explanation).toContain("4 人 × 1/3");
    const backbone = row(context, [...passingPlan(), between("A2", "A", "B")], "PLAN-BACKBONE", "ALL");
    expect([backbone.required, backbone.holds]).toEqual([2, false]); // ⌈5 × 1/4⌉, 1 × 4 < 5
    expect(backbone.explanation).toContain("× 25%");
  });

  it("names a move the context cannot place: an unknown school, a post rotation to another school", () => {
    const context = county();
    const level = row(context, [...passingPlan(), between("R1", "R", "Q")], "PLAN-LEVEL", "R");
    expect([level.holds, level.staffIds]).toEqual([false, ["R1"]]);
    expect(level.explanation).toContain("交流学校 Q 不在学校名单中");
    const who = row(context, [...without(passingPlan(), "A7"), { staffId: "A7", fromSchoolId: "A", toSchoolId: "B", kind: "post_rotation" }], "PLAN-WHO", "A");
    expect(who.explanation).toContain("A7：校内轮岗却去往 B");
  });

  it("PLAN-HEAD-FIRST: a deputy may go when the head is not due (near the exit age)", () => {
    expect(failingRules(county(), [...passingPlan(), post("A12", "A")])).toEqual([]);
  });

  it("PLAN-HEAD-FIRST: a deputy may go when the head due could not be placed anywhere (barred)", () => {
    expect(failingRules(county(), [...passingPlan(), post("D4", "D")])).toEqual([]);
  });

  it("PLAN-RATIO says when no school of the same stage could receive the teachers (PLAN-LEVEL)", () => {
    const context = county();
    context.schools = context.schools.map((school) => (school.schoolId === "E" ? { ...school, requiredSends: 1, eligibleTeachers: 3 } : school));
    expect(row(context, passingPlan(), "PLAN-RATIO", "E").explanation).toContain("县内没有与本校同学段的其他学校");
    expect(row(context, without(passingPlan(), "C1", "D1"), "PLAN-RATIO", "C").explanation).not.toContain("同学段");
  });

  it("PLAN-LEVEL: a nine-year school shares a stage with a junior school", () => {
    const context = county();
    context.schools = context.schools.map((school) => (school.schoolId === "D" ? { ...school, level: "nine_year" } : school));
    expect(failingRules(context, passingPlan())).toEqual([]);
  });
});
