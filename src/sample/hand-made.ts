/**
 * Builders for people whose records are written by hand: the planted rule cases and the
 * experimental school's round. They skip the random overlays; hiring rounds still re-appoint
 * them (never leave them unhired) so their records look like everyone else's.
 */
import { AS_OF, addYears, parseIso, type Day } from "./dates.ts";
import type { County } from "./county.ts";
import { makePerson, type AppraisalPlan, type BaseKind, type Education, type Gender, type Person, type Post } from "./people.ts";
import type { Random } from "./random.ts";
import type { School } from "./schools.ts";

export interface HandMadeSpec {
  gender: Gender;
  birth: string;
  /** First day at the school; the base record runs from here. */
  join: string;
  kind?: BaseKind;
  education?: Education;
  teachingStart?: string;
  backbone?: Person["backbone"];
  /** Last day in the base post; omitted = still in post. */
  leftOn?: string;
  employment?: Person["employment"];
  /** Planted overdue retirement: still in post after the statutory date. */
  stayPastRetirement?: boolean;
  postCategory?: Person["postCategory"];
}

const kindPost: Record<BaseKind, Post> = {
  teacher: "teacher", teaching_support: "teaching_support", administrative: "administrative", service: "service", leader: "teacher",
};

export function handMadePerson(rng: Random, county: County, school: School, spec: HandMadeSpec): Person {
  const kind = spec.kind ?? "teacher";
  const join = parseIso(spec.join);
  const birth = parseIso(spec.birth);
  const teachingStart = spec.teachingStart ? parseIso(spec.teachingStart) : undefined;
  const person = makePerson(rng, county, school, {
    gender: spec.gender, birth, kind, employment: spec.employment ?? "tenured",
    workStart: teachingStart ?? Math.min(join, addYears(birth, 23)),
    ...(spec.education ? { education: spec.education } : {}),
    ...(spec.backbone !== undefined ? { backbone: spec.backbone } : {}),
    ...(spec.postCategory !== undefined ? { postCategory: spec.postCategory } : {}),
  });
  person.handMade = true;
  person.teachingStart = teachingStart ?? null;
  if (kind !== "leader") {
    person.appointments.push({
      school: school.index, post: kindPost[kind], department: "", start: join,
      end: spec.leftOn ? parseIso(spec.leftOn) : !spec.stayPastRetirement && person.retirement <= AS_OF ? person.retirement - 1 : null,
      method: null, round: null, termYears: null, probationEnd: null,
    });
  }
  return person;
}

/** A cadre record; `probation` fills 试用期满 one year on (first appointments). */
export function cadreRecord(person: Person, post: Post, department: string, start: string, end?: string, probation = false): void {
  const from = parseIso(start);
  person.appointments.push({
    school: person.homeSchool, post, department, start: from, end: end ? parseIso(end) : null, method: "appointed",
    round: null, termYears: 3, probationEnd: probation ? addYears(from, 1) - 1 : null,
  });
}

export function plan(person: Person, year: number, appraisal: AppraisalPlan): void {
  person.appraisalPlans ??= new Map();
  person.appraisalPlans.set(year, { ...person.appraisalPlans.get(year), ...appraisal });
}

export const yearsBefore = (years: number): Day => Math.round(AS_OF - years * 365.25);
