/**
 * Approved exemptions from rotation (暂缓交流, ROT-EXEMPT) for random staff: pregnancy often
 * followed by nursing, serious illness, leading a signature course or a major project (at most
 * 3 years), and other reasons. End dates are planned ends and may lie after the as-of date:
 * that is what makes an exemption current.
 */
import { AS_OF, addMonths, addYears, day, type Day } from "./dates.ts";
import { openEnd, type Person } from "./people.ts";
import type { Random } from "./random.ts";

function dayBetween(rng: Random, from: Day, to: Day): Day {
  return from + rng.int(0, Math.max(0, to - from));
}

export function addRandomExemptions(rng: Random, people: readonly Person[]): void {
  for (const person of people) {
    if (person.handMade || person.employment !== "tenured" || person.kind === "leader") continue;
    const home = person.appointments[0]!;
    const from = Math.max(home.start, day(2012, 1, 1));
    const to = Math.min(openEnd(home.end), AS_OF);
    if (to <= from) continue;
    const youngUntil = addYears(person.birth, 38);
    if (person.gender === "F" && youngUntil > from && rng.chance(0.12)) {
      const start = dayBetween(rng, from, Math.min(to, youngUntil));
      const birthDue = addMonths(start, rng.int(7, 9));
      person.exemptions.push({ reason: "pregnancy", start, end: birthDue - 1 });
      if (birthDue <= AS_OF && rng.chance(0.7)) person.exemptions.push({ reason: "nursing", start: birthDue, end: addYears(birthDue, 1) - 1 });
    }
    if (rng.chance(0.012)) {
      const start = dayBetween(rng, from, to);
      person.exemptions.push({ reason: "illness", start, end: addMonths(start, rng.int(6, 24)) - 1 });
    }
    if (person.backbone !== null && rng.chance(0.08)) {
      const start = dayBetween(rng, from, to);
      // ROT-EXEMPT allows at most 3 extra years for a signature course or major project.
      person.exemptions.push({ reason: rng.pick(["signature_course", "major_project"] as const), start, end: addYears(start, rng.int(1, 3)) - 1 });
    }
    if (rng.chance(0.004)) {
      const start = dayBetween(rng, from, to);
      person.exemptions.push({ reason: "other", start, end: addMonths(start, rng.int(3, 12)) - 1 });
    }
  }
}
