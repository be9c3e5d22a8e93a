/**
 * Base staff of one school as chains of occupants: each post below the leadership is held by one
 * person at a time from before 2010 to the as-of date; when someone retires, resigns or is
 * transferred out, a successor starts the next day. Gapless chains keep headcount steady and make
 * the number of people in a hiring round predictable. Rotations from school year 2015 on happen
 * to the occupants while they hold the post.
 */
import { AS_OF, addMonths, addYears, ageOn, day, september, yearOf, type Day } from "./dates.ts";
import { backboneDestination, pickOther, REVERSE_FLOW_FAILS_IN, type County } from "./county.ts";
import { makePerson, type BaseKind, type Gender, type Person, type Post, type RotationType } from "./people.ts";
import type { Random } from "./random.ts";
import type { Level, School } from "./schools.ts";

export const FIRST_ROTATION_YEAR = 2015;

// Women are the majority in primary schools and kindergartens, fewer in high schools.
const womenShare: Record<Level, number> = {
  kindergarten: 0.95, primary: 0.72, nine_year: 0.6, junior: 0.55, complete: 0.5, senior: 0.45, vocational: 0.45,
};

// Age on 1 January 2010 of the people already in post. Primary schools and kindergartens had an
// older staff then, most of whom retired and were replaced by young graduates, so their 2026
// median lands in 35–39; junior secondary's lands in 40–44.
const initialAgeBands: Record<"young" | "middle", readonly (readonly [[number, number], number])[]> = {
  young: [[[22, 27], 0.06], [[28, 33], 0.06], [[34, 40], 0.1], [[41, 48], 0.36], [[49, 57], 0.42]],
  middle: [[[22, 27], 0.14], [[28, 33], 0.32], [[34, 40], 0.28], [[41, 48], 0.15], [[49, 57], 0.11]],
};

interface Slot {
  kind: Exclude<BaseKind, "leader">;
  employment: "tenured" | "contract";
}

export function planSlots(rng: Random, school: School): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < school.baseSlots; i++) {
    const kind = rng.weighted<Slot["kind"]>([["teacher", 0.85], ["teaching_support", 0.04], ["administrative", 0.04], ["service", 0.07]]);
    const contractShare = kind === "service" ? 0.35 : kind === "teacher" ? 0.05 : 0;
    slots.push({ kind, employment: school.index !== 0 && rng.chance(contractShare) ? "contract" : "tenured" });
  }
  return slots;
}

const slotPost: Record<Slot["kind"], Post> = {
  teacher: "teacher", teaching_support: "teaching_support", administrative: "administrative", service: "service",
};

/** Generates every occupant of every base post of the school, with their rotations. */
export function generateBaseStaff(rng: Random, county: County, school: School, slots: readonly Slot[]): Person[] {
  const people: Person[] = [];
  const young = school.level === "primary" || school.level === "kindergarten";
  for (const slot of slots) {
    const gender: Gender = rng.chance(slot.kind === "service" ? 0.4 : womenShare[school.level]) ? "F" : "M";
    // Nobody in post in 2010 had already passed their old retirement age (60 / 55 / 50 for 工勤 women).
    const oldAge = gender === "M" ? 60 : slot.kind === "service" ? 50 : 55;
    const age0 = Math.min(rng.int(...rng.weighted(initialAgeBands[young ? "young" : "middle"])), oldAge - 2);
    const birth = day(2010 - age0 - 1, rng.int(1, 12), rng.int(1, 28));
    let person = makePerson(rng, county, school, { gender, birth, kind: slot.kind, employment: slot.employment });
    // Already in post in 2010: attached to the school since some September after starting work.
    let start = september(rng.int(Math.min(yearOf(person.workStart), 2009), 2009));
    for (;;) {
      people.push(person);
      const leaves = occupy(rng, county, school, person, slot, start);
      if (leaves > AS_OF) break;
      start = leaves;
      person = successor(rng, county, school, slot, start);
    }
  }
  return people;
}

/** A new occupant starting on `start`: mostly a new graduate, sometimes experienced. */
function successor(rng: Random, county: County, school: School, slot: Slot, start: Day): Person {
  const gender: Gender = rng.chance(slot.kind === "service" ? 0.4 : womenShare[school.level]) ? "F" : "M";
  const experienced = rng.chance(slot.kind === "teacher" ? 0.2 : 0.4);
  const age = experienced ? rng.int(27, 40) : rng.int(21, 25);
  const birth = addMonths(start, -(age * 12 + rng.int(0, 11)));
  const workStart = experienced ? september(yearOf(birth) + rng.int(21, 24)) : start;
  return makePerson(rng, county, school, { gender, birth, kind: slot.kind, employment: slot.employment, workStart });
}

/**
 * The person holds the slot from `start`; returns the day they leave it (the successor's first
 * day). Adds their base appointment, rotations, and any appointment after a transfer out.
 */
function occupy(rng: Random, county: County, school: School, person: Person, slot: Slot, start: Day): Day {
  let leaves = person.retirement;
  // Contract staff come and go; a few tenured staff resign or move out of the county.
  const yearlyQuit = slot.employment === "contract" ? 0.15 : 0.004;
  for (let year = yearOf(start) + 1; year <= 2026; year++) {
    if (september(year) >= leaves) break;
    if (rng.chance(yearlyQuit)) {
      leaves = addMonths(september(year), rng.pick([-2, 0, 0, 4]));
      break;
    }
  }
  const isTeacher = slot.kind === "teacher" && slot.employment === "tenured";
  if (isTeacher) leaves = drawRotations(rng, county, school, person, start, leaves);
  person.appointments.unshift({
    school: school.index, post: slotPost[slot.kind], department: "", start, end: leaves <= AS_OF ? leaves - 1 : null,
    method: null, round: null, termYears: null, probationEnd: null,
  });
  return leaves;
}

/**
 * The rotations of a tenured teacher attached to `school` from `start` until `leaves`, one draw
 * per round from 2015; returns the day they leave the school (a transfer's start, or `leaves`).
 * After a transfer (人事关系随迁 是) they belong to the new school and its rounds draw on them.
 */
function drawRotations(rng: Random, county: County, school: School, person: Person, start: Day, leaves: Day): Day {
  let awayDays = 0;
  let nextChance = FIRST_ROTATION_YEAR;
  for (let year = FIRST_ROTATION_YEAR; year <= 2025; year++) {
    const begins = september(year);
    if (begins <= start || begins >= leaves || year < nextChance) continue;
    // counted through 31 August, the day before the school year the round is for (ROT-YEAR);
    // time away on a temporary rotation does not count (ROT-SUPPORT)
    const yearsInSchool = (begins - start - awayDays) / 365.25;
    const age = ageOn(person.birth, begins - 1);
    // ROT-T9: ≥ 9 years in the school and men ≤ 55 / women ≤ 50 must rotate; a few others go too.
    const eligible = yearsInSchool >= 9 && age <= (person.gender === "M" ? 55 : 50);
    if (!rng.chance(eligible ? sendingChance(school, year) : yearsInSchool >= 3 ? 0.01 : 0)) continue;
    const rotation = rotate(rng, county, school, person, begins, leaves);
    if (!rotation) continue;
    person.rotations.push(rotation);
    if (rotation.type === "transfer") {
      const until = drawRotations(rng, county, county.schools[rotation.to]!, person, begins, person.retirement);
      person.appointments.push({
        school: rotation.to, post: "teacher", department: "", start: begins, end: until <= AS_OF ? until - 1 : null,
        method: "rotation", round: null, termYears: null, probationEnd: null,
      });
      return begins;
    }
    if (rotation.type !== "internal" && rotation.end !== null) awayDays += rotation.end - rotation.start + 1;
    // back from a temporary rotation, the teacher is not sent again in the same round
    nextChance = year + (rotation.end === null ? 3 : yearOf(rotation.end) - year + 1);
  }
  return leaves;
}

/**
 * The chance that a school sends one of its eligible teachers in a round: the county's default
 * targets (ROT-RATIO: 15 % for strong and urban or town schools, else 10 %) as a county that
 * follows them aims for, times the school's habit, and more than the target itself because some
 * draws come to nothing (a 校内轮岗 sends nobody away; a teacher just back from one must wait).
 * A phasing-in school sends fewer while its phase-in lasts.
 */
function sendingChance(school: School, year: number): number {
  const target = school.tier === "strong" || school.location !== "rural" ? 0.15 : 0.1;
  const phasing = school.phaseInUntil !== null && year <= school.phaseInUntil ? 0.6 : 1;
  return Math.min(0.9, target * school.rotationHabit * phasing * SENDING_BOOST);
}
const SENDING_BOOST = 1.65;

const rotationTypes: readonly (readonly [RotationType, number])[] = [
  ["transfer", 0.28], ["support_teaching", 0.3], ["group", 0.12], ["cluster", 0.12], ["secondment", 0.03], ["internal", 0.15],
];

function rotate(rng: Random, county: County, school: School, person: Person, begins: Day, leaves: Day) {
  const year = yearOf(begins);
  let type = rng.weighted(rotationTypes);
  let to: number | null;
  if (type === "internal") to = school.index;
  else if (person.backbone !== null) {
    // 支教 from a strong school would count as an outward flow: in the failing year strong
    // schools keep their backbone teachers inside the strong tier instead.
    if (type === "support_teaching" && year === REVERSE_FLOW_FAILS_IN) type = "group";
    to = type === "support_teaching" ? pickOther(rng, county.ruralOrWeak, school.index) : backboneDestination(rng, county, school.index, year);
  } else to = pickOther(rng, type === "support_teaching" ? county.ruralOrWeak : county.receiving, school.index);
  if (to === null) return null;
  // ROT-SERVE: 支教 lasts 2 years or more, an exchange in a group or cluster 3 (a few leave early);
  // 挂职锻炼 is a year's training posting
  const temporaryYears = type === "internal" || type === "transfer" ? 0
    : type === "support_teaching" ? rng.pick([2, 2, 2, 3, 3, 1])
    : type === "secondment" ? 1 : rng.pick([3, 3, 3, 3, 2]);
  const end = temporaryYears === 0 ? null : addYears(begins, temporaryYears) - 1;
  // A temporary rotation returns before the person leaves; one still running has no end yet.
  if (end !== null && end >= leaves) return null;
  return {
    from: school.index, to, start: begins, end: end !== null && end > AS_OF ? null : end, type,
    relationMoved: type === "transfer",
  };
}
