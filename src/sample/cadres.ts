/**
 * School leaders and middle cadres. Leaders (校长, 书记, 副校长, 副书记) are their own chain of
 * people appointed by the bureau term by term (3 years each); middle cadres are chosen from the
 * school's own teachers when a post falls vacant, deputies usually promoted to head, and they
 * leave the post at 55 (men) / 52 (women) (EXIT-MC-AGE), when they leave the school, or when not
 * re-appointed.
 */
import { AS_OF, addYears, ageOn, day, september, yearOf, type Day } from "./dates.ts";
import { FIRST_ROTATION_YEAR } from "./careers.ts";
import type { County } from "./county.ts";
import { makePerson, openEnd, type Person, type Post } from "./people.ts";
import type { Random } from "./random.ts";
import type { School } from "./schools.ts";

export const TERM_YEARS = 3;

export function leaderPosts(school: School): Post[] {
  const posts: Post[] = ["principal"];
  if (school.baseSlots >= 25) posts.push("party_secretary");
  posts.push("vice_principal");
  if (school.baseSlots >= 55) posts.push("vice_principal");
  if (school.baseSlots >= 100) posts.push("vice_principal");
  if (school.baseSlots >= 70) posts.push("deputy_secretary");
  return posts;
}

/** Term-by-term leader records from `start` until the day before `leaves` (or open). */
export function leaderTerms(school: number, post: Post, start: Day, leaves: Day, probation: boolean): Person["appointments"] {
  const records: Person["appointments"] = [];
  for (let from = start; from < leaves && from <= AS_OF; from = addYears(from, TERM_YEARS)) {
    const to = Math.min(addYears(from, TERM_YEARS), leaves);
    records.push({
      school, post, department: "", start: from, end: to <= AS_OF ? to - 1 : null, method: "appointed",
      round: null, termYears: TERM_YEARS, probationEnd: probation && from === start ? addYears(start, 1) - 1 : null,
    });
  }
  return records;
}

export function generateLeaders(rng: Random, county: County, school: School): Person[] {
  const people: Person[] = [];
  for (const post of leaderPosts(school)) {
    const incoming = (county.incomingLeaders.get(school.index) ?? []).filter((i) => i.post === post).sort((a, b) => a.start - b.start);
    let start = september(rng.int(2003, 2009));
    while (start <= AS_OF) {
      // a leader rotated in from another school holds the post for a while
      const arriving = incoming.find((i) => i.start >= start);
      if (arriving && arriving.start === start) {
        start = arriving.until;
        continue;
      }
      const age = post === "principal" || post === "party_secretary" ? rng.int(40, 52) : rng.int(35, 48);
      const gender = rng.chance(post === "principal" ? 0.3 : 0.45) ? "F" : "M";
      const birth = day(yearOf(start) - age - 1, rng.int(1, 12), rng.int(1, 28));
      const person = makePerson(rng, county, school, { gender, birth, kind: "leader", employment: "tenured" });
      // Some leaders stay 3 consecutive terms or more (ROT-P3 applies to them).
      let leaves = Math.min(person.retirement, addYears(start, TERM_YEARS * rng.pick([1, 2, 2, 3, 3, 4, 5])));
      if (arriving && arriving.start < leaves) leaves = arriving.start;
      const rotatedOn = leaderRotationDay(rng, start, leaves, person.retirement);
      if (rotatedOn !== null) leaves = rotatedOn;
      person.appointments.push(...leaderTerms(school.index, post, start, leaves, start >= day(2010, 1, 1)));
      if (rotatedOn !== null) rotateLeader(rng, county, school, person, post, rotatedOn);
      people.push(person);
      start = leaves;
    }
  }
  return people;
}

/**
 * A leader who has served 3 terms here (ROT-P3) with more than a term before retirement may be
 * rotated in any round from 2015: the county rotates about its share of the leaders due
 * (ROT-LEAD15), some years more, some fewer. Returns the day of the move, or null.
 */
function leaderRotationDay(rng: Random, start: Day, leaves: Day, retirement: Day): Day | null {
  for (let year = FIRST_ROTATION_YEAR; year <= 2025; year++) {
    const day = september(year);
    if (day >= leaves || day < addYears(start, 3 * TERM_YEARS) || day >= addYears(retirement, -TERM_YEARS)) continue;
    if (rng.chance(0.22)) return day;
  }
  return null;
}

/** The same post in another school, generated later, whose own chain hands the post over. */
function rotateLeader(rng: Random, county: County, school: School, person: Person, post: Post, leaves: Day): void {
  const until = Math.min(person.retirement, addYears(leaves, TERM_YEARS * rng.pick([1, 2, 2, 3])));
  // a school whose post is not already taken by another rotated leader then
  const free = (i: number) => !(county.incomingLeaders.get(i) ?? []).some((other) => other.post === post && other.start < until && leaves < other.until);
  const destinations = county.receiving.filter((i) => i > school.index && !county.handMadeLeaders.has(i) && leaderPosts(county.schools[i]!).includes(post) && free(i));
  if (destinations.length === 0) return;
  const to = rng.pick(destinations);
  person.appointments.push(...leaderTerms(to, post, leaves, until, false));
  person.rotations.push({ from: school.index, to, start: leaves, end: null, type: "transfer", relationMoved: true });
  county.incomingLeaders.set(to, [...(county.incomingLeaders.get(to) ?? []), { post, start: leaves, until }]);
}

const classicDepartments = ["教导处", "德育处", "总务处", "办公室", "教科室", "安全办"];
const centreDepartments = ["课程教学中心", "学生发展中心", "后勤服务中心", "人力资源中心", "教师发展中心", "安全办"];

export function departmentsFor(rng: Random, school: School): string[] {
  const names = school.location === "urban" && rng.chance(0.4) ? centreDepartments : classicDepartments;
  const count = school.baseSlots < 25 ? 2 : school.baseSlots < 60 ? 4 : school.baseSlots < 100 ? 5 : 6;
  return names.slice(0, count);
}

interface Holder {
  person: Person;
  /** The day the holder leaves the post (planned), exclusive. */
  until: Day;
}

const homeRecord = (person: Person) => person.appointments[0]!;
const cadreExitAge = (person: Person): Day => addYears(person.birth, person.gender === "M" ? 55 : 52);

/** Teachers of this school who meet the conditions for a first middle-cadre post on `date`. */
function candidates(people: readonly Person[], school: number, date: Day, newcomer: boolean): Person[] {
  return people.filter((p) => {
    const home = homeRecord(p);
    if (p.handMade || p.kind !== "teacher" || p.employment !== "tenured" || home.school !== school) return false;
    if (home.start > date || openEnd(home.end) < addYears(date, 2) || p.cadreUntil >= date) return false;
    const age = ageOn(p.birth, date);
    if (!newcomer) return age < (p.gender === "M" ? 52 : 49);
    // APT-AGE-NEW, APT-EDU, APT-YEARS: men ≤ 45 / women ≤ 40, bachelor or above, ≥ 5 years teaching.
    const taught = (date - (p.teachingStart ?? p.workStart)) / 365.25;
    return age >= 27 && age <= (p.gender === "M" ? 45 : 40) && (p.education === "bachelor" || p.education === "postgraduate") && taught >= 5;
  });
}

function appoint(rng: Random, school: number, person: Person, post: Post, department: string, date: Day, initial: boolean): Holder {
  const first = person.cadreUntil === -Infinity;
  const until = Math.min(openEnd(homeRecord(person).end) + 1, cadreExitAge(person), addYears(date, rng.int(4, 14)));
  person.appointments.push({
    school, post, department, start: date, end: until <= AS_OF ? until - 1 : null, method: "appointed", round: null,
    termYears: TERM_YEARS,
    // Most files state the probation end of a first appointment; some leave it to the default.
    probationEnd: first && !initial && rng.chance(0.8) ? addYears(date, 1) - 1 : null,
  });
  person.cadreUntil = until;
  return { person, until };
}

/** Fills middle-cadre posts each September from 2008 to 2025 among the school's teachers. */
export function overlayMiddleCadres(rng: Random, school: School, people: readonly Person[]): void {
  for (const department of departmentsFor(rng, school)) {
    const withDeputy = school.baseSlots >= 12;
    let head: Holder | null = null;
    let deputy: Holder | null = null;
    for (let year = 2008; year <= 2025; year++) {
      const date = september(year);
      if (head && head.until <= date) head = null;
      if (deputy && deputy.until <= date) deputy = null;
      if (!head) {
        if (deputy && deputy.until > addYears(date, 1) && rng.chance(0.95)) {
          // Promotion: the deputy's record ends the day before the head's starts (APT-DEPUTY-FIRST).
          const promoted = deputy.person;
          const record = promoted.appointments[promoted.appointments.length - 1]!;
          record.end = date - 1;
          deputy = null;
          head = appoint(rng, school.index, promoted, "middle_head", department, date, false);
        } else {
          // A head from outside the office: a former deputy if there is one (APT-DEPUTY-FIRST),
          // else any senior teacher.
          const pool = candidates(people, school.index, date, false);
          const formerDeputies = pool.filter((p) => p.appointments.some((a) => a.post === "middle_deputy" && a.end !== null && a.end < date));
          const chosen = formerDeputies.length > 0 ? rng.pick(formerDeputies) : pool.length > 0 ? rng.pick(pool) : null;
          if (chosen) {
            const start = initialDate(rng, year, chosen);
            // Heads already in post when the records begin mostly came up as deputies of the
            // same office, as APT-DEPUTY-FIRST asks; the records show that earlier spell.
            const deputySince = addYears(start, -rng.int(2, 4));
            if (year === 2008 && deputySince >= homeRecord(chosen).start && rng.chance(0.97)) {
              chosen.appointments.push({
                school: school.index, post: "middle_deputy", department, start: deputySince, end: start - 1,
                method: "appointed", round: null, termYears: TERM_YEARS, probationEnd: null,
              });
            }
            const deputyBefore = chosen.appointments.some((a) => a.post === "middle_deputy" && a.end !== null && a.end < date);
            if (year > 2008 && !deputyBefore && withDeputy && !deputy) {
              // nobody has been a deputy: the chosen teacher serves a year as deputy first
              // (APT-DEPUTY-FIRST), and the head's post waits for them
              const trial = appoint(rng, school.index, chosen, "middle_deputy", department, date, false);
              const headStart = addYears(date, 1);
              if (trial.until > headStart) {
                chosen.appointments[chosen.appointments.length - 1]!.end = headStart - 1;
                head = appoint(rng, school.index, chosen, "middle_head", department, headStart, false);
                deputy = { person: chosen, until: headStart };
              } else deputy = trial;
            } else head = appoint(rng, school.index, chosen, "middle_head", department, start, year === 2008);
          }
        }
      }
      if (withDeputy && !deputy) {
        const pool = candidates(people, school.index, date, year > 2008);
        const chosen = pool.length > 0 ? rng.pick(pool) : null;
        if (chosen) deputy = appoint(rng, school.index, chosen, "middle_deputy", department, initialDate(rng, year, chosen), year === 2008);
      }
    }
  }
}

/** Cadres already in post when the records begin were appointed some years before. */
function initialDate(rng: Random, year: number, person: Person): Day {
  const date = september(year);
  return year === 2008 ? Math.max(homeRecord(person).start, september(rng.int(2003, 2008))) : date;
}
