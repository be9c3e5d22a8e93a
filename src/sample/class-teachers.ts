/**
 * Extra posts teachers hold beside their teaching post: 班主任 (class teacher), 年级组长 and
 * 教研组长, each for one to three school years at a time. They matter to the rules through
 * APT-YEARS (years as class teacher or group leader before a cadre appointment).
 */
import { AS_OF, addYears, september, yearOf } from "./dates.ts";
import { openEnd, type Person, type Post } from "./people.ts";
import type { Random } from "./random.ts";

export function overlayClassTeachers(rng: Random, people: readonly Person[]): void {
  for (const person of people) {
    if (person.handMade || person.kind !== "teacher") continue;
    const home = person.appointments[0]!;
    const lastDay = openEnd(home.end);
    let year = Math.max(2010, yearOf(home.start) + (home.start > september(yearOf(home.start)) ? 1 : 0));
    while (year <= 2025) {
      const start = september(year);
      if (start >= lastDay) break;
      const post: Post | null = rng.chance(0.3) ? "class_teacher" : rng.chance(0.05) ? rng.pick<Post>(["grade_leader", "subject_leader"]) : null;
      if (!post) {
        year++;
        continue;
      }
      const years = rng.int(1, 3);
      const planned = addYears(start, years) - 1;
      const end = planned >= lastDay ? (home.end === null ? null : home.end) : planned >= AS_OF ? null : planned;
      person.appointments.push({
        school: home.school, post, department: "", start, end, method: null, round: null, termYears: null, probationEnd: null,
      });
      if (end === null) break;
      year += years;
    }
  }
}
