/**
 * The all-staff hiring rounds (县管校聘 全员竞聘) of 2019, 2022 and 2025, each on 1 September.
 * Every tenured staff member below the leadership who is in a school on that day takes part:
 * their records are closed the day before and re-opened with the round's method and year
 * (竞聘 or 直聘), or they are not hired (落聘 → 待岗, then maybe a second-round post) or do
 * not take part (未参聘 → 待岗). Leaders are appointed by the bureau and stay out of rounds.
 */
import { addYears, september, type Day } from "./dates.ts";
import { openEnd, type Appointment, type Method, type Person, type Post } from "./people.ts";
import type { Random } from "./random.ts";

export const ROUND_YEARS = [2019, 2022, 2025] as const;
/** Days between the first round and the second-round appointments (跟岗 then 二次聘任). */
export const SECOND_ROUND_AFTER_DAYS = 14;

const basePosts = new Set<Post>(["teacher", "teaching_support", "administrative", "service", "awaiting_post"]);
const kindPost: Record<Person["kind"], Post> = {
  teacher: "teacher", teaching_support: "teaching_support", administrative: "administrative", service: "service", leader: "teacher",
};

export type Outcome =
  | { kind: "hired"; method: Extract<Method, "competitive" | "direct"> }
  | { kind: "not_participating" }
  | { kind: "not_hired"; secondRound: Post | null; secondMethod?: Extract<Method, "second_round" | "direct"> };

const covers = (a: Appointment, date: Day) => a.start <= date && openEnd(a.end) >= date;

/** Decides a person's outcome in a round the way a typical school runs it. */
function typicalOutcome(rng: Random, person: Person, base: Appointment, date: Day): Outcome {
  // New recruits are hired directly into their advertised post.
  if (base.start === date) return { kind: "hired", method: "direct" };
  // Direct posts for the pregnant and the seriously ill, and most within 5 years of retirement.
  if (person.exemptions.some((e) => (e.reason === "pregnancy" || e.reason === "illness") && e.start <= date && e.end >= date)) {
    return { kind: "hired", method: "direct" };
  }
  if (person.retirement - date < 5 * 365.25 && rng.chance(0.7)) return { kind: "hired", method: "direct" };
  if (person.handMade) return { kind: "hired", method: "competitive" };
  const busy = person.appointments.some((a) => !basePosts.has(a.post) && a.start < addYears(date, 3) && openEnd(a.end) >= date);
  const staysAYear = person.retirement > addYears(date, 1) && openEnd(base.end) > addYears(date, 1);
  if (base.post === "awaiting_post") return rng.chance(0.7) ? { kind: "hired", method: "competitive" } : { kind: "not_hired", secondRound: null };
  if (!busy && staysAYear && rng.chance(0.03)) {
    const older = person.retirement - date < 12 * 365.25;
    const secondRound: Post | null = older && person.gender === "M" ? "service" : rng.chance(0.7) ? (person.kind === "teacher" ? "teaching_support" : kindPost[person.kind]) : null;
    return { kind: "not_hired", secondRound };
  }
  if (!busy && staysAYear && person.retirement - date < 8 * 365.25 && rng.chance(0.02)) return { kind: "not_participating" };
  return { kind: "hired", method: "competitive" };
}

export type OutcomeOverride = (person: Person, round: number) => Outcome | undefined;

export function applyRounds(rng: Random, people: readonly Person[], override?: OutcomeOverride): void {
  for (const person of people) {
    if (person.kind === "leader" || person.employment !== "tenured") continue;
    for (const round of ROUND_YEARS) {
      const date = september(round);
      const base = person.appointments.find((a) => basePosts.has(a.post) && covers(a, date));
      if (!base) continue;
      const outcome = override?.(person, round) ?? typicalOutcome(rng, person, base, date);
      applyOutcome(person, base, round, date, outcome);
    }
  }
}

function applyOutcome(person: Person, base: Appointment, round: number, date: Day, outcome: Outcome): void {
  const school = base.school;
  const covering = person.appointments.filter((a) => a.school === school && covers(a, date));
  if (outcome.kind === "hired") {
    for (const record of covering) {
      const post = record.post === "awaiting_post" ? kindPost[person.kind] : record.post;
      const fields = { post, method: outcome.method, round, termYears: 3 };
      if (record.start === date) Object.assign(record, fields);
      else {
        person.appointments.push({ ...record, ...fields, start: date, probationEnd: null });
        record.end = date - 1;
      }
    }
    return;
  }
  const lastDay = base.end;
  for (const record of covering) record.end = date - 1;
  person.appointments = person.appointments.filter((a) => a.end === null || a.end >= a.start);
  const awaiting = (start: Day, end: Day | null, method: Method): Appointment => ({
    school, post: "awaiting_post", department: "", start, end, method, round, termYears: null, probationEnd: null,
  });
  if (outcome.kind === "not_participating") {
    person.appointments.push(awaiting(date, lastDay, "not_participating"));
    return;
  }
  if (outcome.secondRound === null) {
    person.appointments.push(awaiting(date, lastDay, "not_hired"));
    return;
  }
  const second = date + SECOND_ROUND_AFTER_DAYS;
  person.appointments.push(awaiting(date, second - 1, "not_hired"), {
    school, post: outcome.secondRound, department: "", start: second, end: lastDay,
    method: outcome.secondMethod ?? "second_round", round, termYears: 3, probationEnd: null,
  });
}
