/**
 * Hand-made counties for the plan's tests: schools and people with every field the plan reads,
 * defaults for the rest, so each test says only what it is about.
 */
import type { PlanContext, PlanPerson, PlanSchool } from "../../src/plan/context.ts";

export const year = 2027;

export function school(schoolId: string, fields: Partial<PlanSchool> = {}): PlanSchool {
  return {
    schoolId,
    name: `${schoolId}学校`,
    district: "东片",
    level: "primary",
    tier: "general",
    strong: (fields.tier ?? "general") === "strong",
    staffQuota: 50,
    headcount: 50,
    freePlaces: 0,
    eligibleTeachers: 0,
    eligibleLeaders: 0,
    targetNumerator: 3,
    targetDenominator: 20,
    targetApplies: true,
    targetException: null,
    requiredSends: 0,
    ...fields,
  };
}

/** A due teacher who may move (PLAN-WHO), with the years that order who goes first. */
export function teacher(staffId: string, schoolId: string, yearsInSchool: number, fields: Partial<PlanPerson> = {}): PlanPerson {
  return {
    staffId,
    schoolId,
    postGroup: "teacher",
    post: "teacher",
    department: null,
    officeRole: null,
    backbone: false,
    subject: null,
    yearsInSchool,
    age: 40,
    rotationRuleId: "ROT-T9",
    due: true,
    exempt: false,
    ruleId: "ROT-T9",
    barred: false,
    failedAppraisalYear: null,
    serving: false,
    servingUntil: null,
    mayMove: true,
    postRotationDue: false,
    nearCadreExit: false,
    explanation: `在本校连续任教${yearsInSchool}年`,
    postExplanation: null,
    ...fields,
  };
}

export function leader(staffId: string, schoolId: string, yearsInSchool: number, fields: Partial<PlanPerson> = {}): PlanPerson {
  return teacher(staffId, schoolId, yearsInSchool, { postGroup: "leader", post: "principal", rotationRuleId: "ROT-P3", ruleId: "ROT-P3", ...fields });
}

/** A county; schools' eligible counts follow from its people unless given. */
export function county(schools: PlanSchool[], people: PlanPerson[]): PlanContext {
  return {
    schoolYear: year,
    schools: schools.map((entry) => ({
      ...entry,
      eligibleLeaders: entry.eligibleLeaders || people.filter((person) => person.schoolId === entry.schoolId && person.due && person.postGroup === "leader").length,
    })),
    people,
    shares: { leaderNumerator: 3, leaderDenominator: 20, backboneNumerator: 1, backboneDenominator: 5, barYears: 3 },
  };
}
