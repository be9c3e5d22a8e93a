/**
 * A small hand-made county for the plan tests: five schools, a few people each, and a plan that
 * passes every PLAN rule. Each checker test breaks exactly one rule by editing that plan.
 *
 *   A 优质 小学 (free places 0)   B 一般 小学 (free 5)   C 薄弱 初中 (no quota: receive = send)
 *   D 一般 初中 (free 1)           E 一般 高中 (free 5)   R 偏远 小学 (no target, no quota)
 *
 * Shares: leaders 15/100 (ROT-LEAD15), backbone 20/100 (ROT-BACKBONE). requiredSends and the
 * eligible counts are written as plan_schools would compute them.
 */
import type { PlanContext, PlanMove, PlanPerson, PlanSchool } from "../../src/plan/context.ts";

export function person(staffId: string, schoolId: string, given: Partial<PlanPerson> = {}): PlanPerson {
  return {
    staffId, schoolId, postGroup: "teacher", post: "teacher", department: null, officeRole: null, backbone: false,
    subject: null, yearsInSchool: 10, age: 40, rotationRuleId: "ROT-T9", due: true, exempt: false, ruleId: "ROT-T9",
    barred: false, failedAppraisalYear: null, serving: false, servingUntil: null, mayMove: true, postRotationDue: false,
    nearCadreExit: false, explanation: "", postExplanation: null, ...given,
  };
}

export function school(schoolId: string, given: Partial<PlanSchool> = {}): PlanSchool {
  return {
    schoolId, name: schoolId, district: null, level: "primary", tier: "general", strong: false, staffQuota: null, headcount: 10,
    freePlaces: null, eligibleTeachers: 0, eligibleLeaders: 0, targetNumerator: 10, targetDenominator: 100, targetApplies: true,
    targetException: null, requiredSends: 0, ...given,
  };
}

const notDue = { due: false, mayMove: false } as const;
const office = (department: string, officeRole: "head" | "deputy") =>
  ({ postGroup: "middle", post: officeRole === "head" ? "middle_head" : "middle_deputy", department, officeRole, ...notDue, postRotationDue: true }) as const;

export function county(): PlanContext {
  return {
    schoolYear: 2027,
    shares: { leaderNumerator: 15, leaderDenominator: 100, backboneNumerator: 20, backboneDenominator: 100, barYears: 3 },
    schools: [
      school("A", { tier: "strong", strong: true, freePlaces: 0, staffQuota: 12, eligibleTeachers: 5, eligibleLeaders: 1, targetNumerator: 15, requiredSends: 1 }),
      school("B", { freePlaces: 5, staffQuota: 15, eligibleTeachers: 2, eligibleLeaders: 1, requiredSends: 1 }),
      school("C", { level: "junior", tier: "weak", eligibleTeachers: 4, requiredSends: 1 }),
      school("D", { level: "junior", freePlaces: 1, staffQuota: 11, eligibleTeachers: 3, requiredSends: 1 }),
      school("E", { level: "senior", freePlaces: 5, staffQuota: 15 }),
      school("R", { eligibleTeachers: 1, targetApplies: false, targetException: "remote" }),
    ],
    people: [
      person("A1", "A", { backbone: true }),
      person("A2", "A"),
      person("A3", "A"),
      person("A4", "A", notDue),
      person("A5", "A", { ...notDue, exempt: true, ruleId: "ROT-EXEMPT" }),
      person("A6", "A", { mayMove: false, serving: true, servingUntil: "2028-08-31" }),
      person("A7", "A", office("教导处", "head")),
      person("A8", "A", office("教导处", "deputy")),
      person("A9", "A", { postGroup: "leader", post: "principal", rotationRuleId: "ROT-P3", ruleId: "ROT-P3" }),
      person("A10", "A", { barred: true, failedAppraisalYear: 2025 }),
      person("A11", "A", { ...office("德育处", "head"), postRotationDue: false, nearCadreExit: true }),
      person("A12", "A", office("德育处", "deputy")),
      person("B1", "B", { backbone: true }),
      person("B2", "B"),
      person("B3", "B", { postGroup: "leader", post: "vice_principal", rotationRuleId: "ROT-P3", ruleId: "ROT-P3" }),
      person("C1", "C"),
      person("C2", "C", { backbone: true }),
      person("C3", "C", { ...notDue, exempt: true, ruleId: "ROT-EXEMPT" }),
      person("C4", "C", { mayMove: false, serving: true, servingUntil: "2028-08-31" }),
      person("C5", "C", notDue),
      person("C6", "C", { ...office("教务处", "head"), due: true, mayMove: false, postRotationDue: false, nearCadreExit: true }),
      person("D1", "D"),
      person("D2", "D"),
      person("D3", "D", { ...office("总务处", "head"), due: true, mayMove: true, postRotationDue: false, barred: true }),
      person("D4", "D", office("总务处", "deputy")),
      person("R1", "R"),
    ],
  };
}

export const between = (staffId: string, fromSchoolId: string, toSchoolId: string): PlanMove => ({ staffId, fromSchoolId, toSchoolId, kind: "between_schools" });
export const post = (staffId: string, schoolId: string): PlanMove => ({ staffId, fromSchoolId: schoolId, toSchoolId: schoolId, kind: "post_rotation" });

/** Passes every rule: each school sends its required teachers, one backbone teacher strong → general, heads before deputies. */
export const passingPlan = (): PlanMove[] => [
  between("A1", "A", "B"),
  between("B2", "B", "A"),
  between("C1", "C", "D"),
  between("D1", "D", "C"),
  between("A9", "A", "B"),
  post("A7", "A"),
  post("A8", "A"),
];
