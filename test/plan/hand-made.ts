/**
 * Hand-made counties for the drafter's tests, on the checker fixture's builders: schools in one
 * district with a quota and no free place, due teachers with the years that order who goes first,
 * so each test says only what it is about.
 */
import type { PlanContext, PlanPerson, PlanSchool } from "../../src/plan/context.ts";
import { person, school as anySchool } from "./fixture.ts";

export function school(schoolId: string, fields: Partial<PlanSchool> = {}): PlanSchool {
  return anySchool(schoolId, {
    district: "东片", strong: fields.tier === "strong", staffQuota: 50, headcount: 50, freePlaces: 0, targetNumerator: 3, targetDenominator: 20, ...fields,
  });
}

export const teacher = (staffId: string, schoolId: string, yearsInSchool: number, fields: Partial<PlanPerson> = {}): PlanPerson =>
  person(staffId, schoolId, { yearsInSchool, explanation: `在本校连续任教${yearsInSchool}年`, ...fields });

export const leader = (staffId: string, schoolId: string, yearsInSchool: number, fields: Partial<PlanPerson> = {}): PlanPerson =>
  teacher(staffId, schoolId, yearsInSchool, { postGroup: "leader", post: "principal", rotationRuleId: "ROT-P3", ruleId: "ROT-P3", ...fields });

/** A county; each school's eligible leaders follow from its people unless given. */
export function county(schools: PlanSchool[], people: PlanPerson[]): PlanContext {
  return {
    schoolYear: 2027,
    schools: schools.map((entry) => ({
      ...entry,
      eligibleLeaders: entry.eligibleLeaders || people.filter((one) => one.schoolId === entry.schoolId && one.due && one.postGroup === "leader").length,
    })),
    people,
    shares: { leaderNumerator: 3, leaderDenominator: 20, backboneNumerator: 1, backboneDenominator: 5, barYears: 3 },
  };
}
