/**
 * Deliberate cases for every rule of the policy digest, judged as of 2026-09-01. They live in one
 * "planting" school (a mid-sized primary or junior school), whose leaders and middle cadres are
 * all written here so each case is exactly what its comment says. Random staff elsewhere produce
 * the same situations by chance; these make sure the boundaries are hit.
 */
import { iso, parseIso } from "./dates.ts";
import type { County } from "./county.ts";
import { cadreRecord, handMadePerson, plan, yearsBefore, type HandMadeSpec } from "./hand-made.ts";
import type { Appointment } from "./people.ts";
import { leaderTerms } from "./cadres.ts";
import type { Person } from "./people.ts";
import type { Random } from "./random.ts";
import type { Outcome, OutcomeOverride } from "./rounds.ts";
import type { School } from "./schools.ts";

/** The school that holds the planted cases: the first mid-sized primary or junior school. */
export function plantingSchool(schools: readonly School[]): School {
  return schools.find((s) => s.index > 0 && (s.level === "primary" || s.level === "junior") && s.baseSlots >= 35) ?? schools[1]!;
}

export function plantedPeople(rng: Random, county: County, school: School): Person[] {
  const people: Person[] = [];
  const add = (spec: HandMadeSpec): Person => {
    const person = handMadePerson(rng, county, school, spec);
    people.push(person);
    return person;
  };
  const teacher = (gender: "M" | "F", birth: string, join: string, extra: Partial<HandMadeSpec> = {}) => add({ gender, birth, join, ...extra });

  // ROT-T9 age caps: 12 years in school; men aged 55 (due) and 56 (not), women 50 (due) and 51 (not).
  teacher("M", "1971-03-10", "2014-09-01");
  teacher("M", "1970-03-10", "2014-09-01");
  teacher("F", "1976-03-10", "2014-09-01");
  teacher("F", "1975-03-10", "2014-09-01");
  // ROT-T9 tenure boundary: exactly 9.0 years in school (due) and 8.9 years (not yet).
  teacher("M", "1989-05-06", "2017-09-01");
  teacher("F", "1988-11-12", iso(yearsBefore(8.9)));

  // ROT-EXEMPT: due teachers (12 years in school) holding exemptions current on the as-of date.
  const exempt = (gender: "M" | "F", birth: string, reason: Person["exemptions"][number]["reason"], start: string, end: string) =>
    teacher(gender, birth, "2014-09-01").exemptions.push({ reason, start: parseIso(start), end: parseIso(end) });
  exempt("F", "1995-02-14", "pregnancy", "2026-05-01", "2027-01-31");
  exempt("F", "1993-07-01", "nursing", "2025-12-01", "2026-11-30");
  exempt("M", "1978-10-09", "illness", "2026-01-01", "2026-12-31");
  exempt("F", "1981-04-18", "signature_course", "2024-09-01", "2027-08-31"); // exactly the 3-year maximum
  exempt("M", "1979-11-11", "signature_course", "2024-09-01", "2027-09-01"); // a day over: capped at 2027-08-31, listed on 数据质量
  exempt("M", "1982-08-23", "major_project", "2025-09-01", "2028-08-31");
  exempt("M", "1986-12-30", "other", "2026-03-01", "2026-09-30"); // about to expire
  exempt("F", "1990-06-06", "nursing", "2025-09-10", "2026-09-09"); // about to expire
  exempt("M", "1980-01-15", "illness", "2025-07-01", "2026-06-30"); // expired: due again

  // ROT-SUPPORT: 10 years in school of which 2 years of 支教 away that returned: 8 counted, not due.
  const support = teacher("F", "1987-09-09", "2016-09-01");
  const ruralOrWeak = county.ruralOrWeak.find((i) => i !== school.index) ?? county.receiving[0]!;
  support.rotations.push({ from: school.index, to: ruralOrWeak, start: parseIso("2019-09-01"), end: parseIso("2021-08-31"), type: "support_teaching", relationMoved: false });
  // 支教 still running (no end date yet): the teacher still belongs to this school.
  const away = teacher("M", "1990-04-04", "2015-09-01");
  away.rotations.push({ from: school.index, to: ruralOrWeak, start: parseIso("2025-09-01"), end: null, type: "support_teaching", relationMoved: false });

  // ROT-SUPPORT, relation moved: 12 years at another school, then 校际交流 here in 2020: the old
  // attachment ends, so only 6 years count here and the teacher is not due.
  const origin = county.receiving.find((i) => i !== school.index)!;
  const moved = teacher("M", "1983-02-02", "2020-09-01");
  moved.appointments.unshift({ school: origin, post: "teacher", department: "", start: parseIso("2008-09-01"), end: parseIso("2020-08-31"), method: null, round: null, termYears: null, probationEnd: null });
  moved.rotations.push({ from: origin, to: school.index, start: parseIso("2020-09-01"), end: null, type: "transfer", relationMoved: true });

  // ROT-YEAR: a due teacher transferred out in the summer, on 2025-08-20: the move counts toward
  // school year 2025 (its round opened on 2025-07-01), judged on the records of 2025-06-30.
  const summer = teacher("M", "1984-03-03", "2012-09-01", { leftOn: "2025-08-19" });
  const summerTo = county.receiving.find((i) => i !== school.index && i !== origin)!;
  summer.rotations.push({ from: school.index, to: summerTo, start: parseIso("2025-08-20"), end: null, type: "transfer", relationMoved: true });
  summer.appointments.push(teachingRecord(summerTo, "2025-08-20", null));

  // ROT-SERVE: transferred here on 2022-09-01 and on again on 2024-09-01: 2 of the 3 years owed.
  const early = teacher("F", "1986-06-06", "2022-09-01", { leftOn: "2024-08-31" });
  early.appointments.unshift(teachingRecord(origin, "2010-09-01", "2022-08-31"));
  early.appointments.push(teachingRecord(summerTo, "2024-09-01", null));
  early.rotations.push(
    { from: origin, to: school.index, start: parseIso("2022-09-01"), end: null, type: "transfer", relationMoved: true },
    { from: school.index, to: summerTo, start: parseIso("2024-09-01"), end: null, type: "transfer", relationMoved: true },
  );

  // ROT-BAR: appraised 不合格 in 2024 at another school, then received here on 2025-09-01.
  const barred = handMadePerson(rng, county, county.schools[origin]!, { gender: "M", birth: "1985-05-05", join: "2014-09-01", leftOn: "2025-08-31" });
  plan(barred, 2024, { grade: "incompetent" });
  barred.appointments.push(teachingRecord(school.index, "2025-09-01", null));
  barred.rotations.push({ from: origin, to: school.index, start: parseIso("2025-09-01"), end: null, type: "transfer", relationMoved: true });
  people.push(barred);

  // ROT-NO-REVERSE: a backbone teacher of a general/weak school seconded to a strong school in
  // the failing year (the county steers the rest of that year the same way).
  const up = county.strong[0];
  const base = county.notStrong.find((i) => i !== school.index);
  if (up !== undefined && base !== undefined) {
    const backbone = handMadePerson(rng, county, county.schools[base]!, { gender: "F", birth: "1984-05-05", join: "2011-09-01", backbone: "discipline_leader" });
    backbone.rotations.push({ from: base, to: up, start: parseIso("2021-09-01"), end: parseIso("2022-08-31"), type: "group", relationMoved: false });
    people.push(backbone);
  }

  // Pending exits, retirement (§6): already overdue and still in post, and within 36 months.
  teacher("M", "1964-02-10", "2001-09-01", { stayPastRetirement: true }); // 60 in 2024-02, no delay: overdue
  add({ gender: "F", birth: "1975-03-08", join: "2005-09-01", kind: "service", stayPastRetirement: true }); // 工勤 woman: 50 + 2 months = 2025-05, overdue
  teacher("F", "1971-04-20", "2000-09-01", { leftOn: "2026-07-31" }); // 55 + 4 months = 2026-08: retired on time
  teacher("F", "1972-06-15", "2003-09-01"); // 55 + 8 months = 2028-02: within 36 months
  teacher("M", "1966-06-01", "1999-09-01"); // 60 + 5 months = 2026-11: within 36 months

  plantLeaders(school, add);
  plantMiddleCadres(teacher);
  plantCadreExitCases(school, add, teacher);
  return people;
}

const teachingRecord = (school: number, start: string, end: string | null): Appointment => ({
  school, post: "teacher", department: "", start: parseIso(start), end: end === null ? null : parseIso(end), method: null, round: null, termYears: null, probationEnd: null,
});

function plantLeaders(school: School, add: (spec: HandMadeSpec) => Person): void {
  const leader = (gender: "M" | "F", birth: string, post: Person["appointments"][number]["post"], start: string) => {
    const person = add({ gender, birth, join: start, kind: "leader" });
    person.appointments.push(...leaderTerms(school.index, post, parseIso(start), Infinity, true));
    return person;
  };
  // ROT-P3: principal in a 4th consecutive term here (11 years), aged 50: should rotate.
  leader("M", "1976-05-12", "principal", "2015-09-01");
  // ROT-P3 margin: party secretary 10 years here but retiring 2027-10 (< one term left): not rotated.
  leader("M", "1967-03-03", "party_secretary", "2016-09-01");
  // ROT-P3 boundary: vice principal exactly 9.0 years (3 terms).
  leader("F", "1978-08-08", "vice_principal", "2017-09-01");
  // EXIT-APPRAISAL: vice principal appraised 不合格 in 2025.
  plan(leader("M", "1980-10-10", "vice_principal", "2023-09-01"), 2025, { grade: "incompetent" });
}

type TeacherFn = (gender: "M" | "F", birth: string, join: string, extra?: Partial<HandMadeSpec>) => Person;

function plantMiddleCadres(teacher: TeacherFn): void {
  // ROT-MC6: head of 教导处 8 years, deputy of the same office 4 years before (12 in total);
  // EXIT-VOTES: fails the 60 % line in 2025; PAY-MULT: payroll used a wrong multiplier in 2024.
  const a = teacher("M", "1980-04-01", "2006-09-01");
  cadreRecord(a, "middle_deputy", "教导处", "2014-09-01", "2018-08-31");
  cadreRecord(a, "middle_head", "教导处", "2018-09-01");
  plan(a, 2025, { votes: "fail_share" });
  plan(a, 2024, { wrongMultiplier: true });
  // ROT-MC6 boundaries: head of 德育处 exactly 6.0 years, deputy 3 years before: 9.0 in total.
  const b = teacher("F", "1982-02-02", "2008-09-01");
  cadreRecord(b, "middle_deputy", "德育处", "2017-09-01", "2020-08-31");
  cadreRecord(b, "middle_head", "德育处", "2020-09-01");
  // EXIT-MC-AGE: 总务处 head turns 55 on 2026-12-15; EXIT-APPRAISAL: 不合格 in 2024.
  const c = teacher("M", "1971-12-15", "2002-09-01");
  cadreRecord(c, "middle_head", "总务处", "2015-09-01");
  plan(c, 2024, { grade: "incompetent" });
  // EXIT-MC-AGE: 办公室 deputy turns 52 on 2027-01-20; EXIT-VOTES boundary: exactly 60 % in 2025.
  const d = teacher("F", "1975-01-20", "2004-09-01");
  cadreRecord(d, "middle_deputy", "办公室", "2019-09-01");
  plan(d, 2025, { votes: "boundary_share" });
  // EXIT-MC-AGE overdue: 总务处 deputy turned 52 on 2026-03-05 and is still in post;
  // EXIT-VOTES: more than 30 % incompetent votes in 2025.
  const e = teacher("F", "1974-03-05", "2003-09-01");
  cadreRecord(e, "middle_deputy", "总务处", "2016-09-01");
  plan(e, 2025, { votes: "fail_incompetent" });
  // APT-TERM probation: first appointment 2026-03-01, probation to 2027-02-28; meets every condition.
  const f = teacher("M", "1993-05-05", "2016-09-01", { education: "bachelor" });
  cadreRecord(f, "middle_deputy", "教科室", "2026-03-01", undefined, true);
  // APT-TERM probation left to the policy default (试用期满 empty); EXIT-VOTES boundary: exactly 30 % incompetent.
  const g = teacher("F", "1996-01-01", "2018-09-01", { education: "postgraduate" });
  cadreRecord(g, "middle_deputy", "安全办", "2025-11-01");
  plan(g, 2025, { votes: "boundary_incompetent" });

  // New middle cadres who fail one appointment condition each (appointed 2026-03-01):
  // APT-AGE-NEW: a man aged 48.
  cadreRecord(teacher("M", "1977-06-01", "2005-09-01", { education: "bachelor" }), "middle_deputy", "教科室", "2026-03-01", undefined, true);
  // APT-EDU: an associate degree (专科).
  cadreRecord(teacher("F", "1993-09-09", "2014-09-01", { education: "associate" }), "middle_deputy", "德育处", "2026-03-01", undefined, true);
  // APT-YEARS: fewer than 5 years of teaching (since 2022-09-01).
  cadreRecord(teacher("M", "1999-03-03", "2022-09-01", { education: "bachelor", teachingStart: "2022-09-01" }), "middle_deputy", "教导处", "2026-03-01", undefined, true);
  // APT-DEPUTY-FIRST: head of 办公室 without a year as deputy.
  cadreRecord(teacher("M", "1988-07-07", "2012-09-01", { education: "bachelor" }), "middle_head", "办公室", "2025-09-01", undefined, true);
  // APT-APPRAISAL: 基本合格 in 2025, one of the last two years.
  const poor = teacher("F", "1991-11-11", "2013-09-01", { education: "bachelor" });
  cadreRecord(poor, "middle_deputy", "总务处", "2026-03-01", undefined, true);
  plan(poor, 2025, { grade: "basic" });
}

// ─── Cadre, exit and pay cases (EXIT-PROTECT, EXIT-TERM, APT-TERM-MAX, APT-QUORUM, EXIT-AWAIT,
// APT-AGE-INCUMBENT, post_category). One block, so it merges apart from the rotation cases above.

/** Round outcomes of planted people that the rounds must not decide for them (待岗 cases). */
const plantedOutcomes = new WeakMap<Person, Map<number, Outcome>>();

/** For applyRounds in the planting school: the planted outcome of a person's round, if any. */
export const plantedRoundOutcome: OutcomeOverride = (person, round) => plantedOutcomes.get(person)?.get(round);

function plantCadreExitCases(school: School, add: (spec: HandMadeSpec) => Person, teacher: TeacherFn): void {
  // EXIT-PROTECT: a middle deputy appraised 不合格 in 2025, pregnant and then on maternity leave
  // (overlapping, both begun by the as-of date): her dismissal is barred until 2027-01-31.
  const pregnant = teacher("F", "1992-02-02", "2014-09-01", { education: "bachelor" });
  cadreRecord(pregnant, "middle_deputy", "办公室", "2022-09-01");
  plan(pregnant, 2025, { grade: "incompetent" });
  pregnant.exemptions.push(
    { reason: "pregnancy", start: parseIso("2026-01-10"), end: parseIso("2026-09-30") },
    { reason: "maternity", start: parseIso("2026-08-15"), end: parseIso("2027-01-31") },
  );
  // EXIT-PROTECT: a middle head injured on duty, whose 2025 votes are over 30 % 不称职: barred
  // until 2026-12-31.
  const injured = teacher("M", "1979-08-08", "2004-09-01", { education: "bachelor" });
  cadreRecord(injured, "middle_head", "教科室", "2021-09-01");
  plan(injured, 2025, { votes: "fail_incompetent" });
  injured.exemptions.push({ reason: "injury_on_duty", start: parseIso("2026-04-01"), end: parseIso("2026-12-31") });
  // APT-QUORUM: 20 of 30 took part in the 2025 evaluation, exactly 2/3: valid, and 11 of 20
  // approving is below 60 % (EXIT-VOTES).
  const quorum = teacher("F", "1985-10-10", "2009-09-01", { education: "bachelor" });
  cadreRecord(quorum, "middle_deputy", "教导处", "2023-09-01");
  plan(quorum, 2025, { votes: "exact_quorum" });
  // APT-TERM-MAX: head of 安全办 for three terms recorded term by term since 2019-09-01: the
  // third ends 2028-08-31 and is the last in the same post (term_limit).
  const third = teacher("M", "1981-01-21", "2005-09-01", { education: "bachelor" });
  cadreRecord(third, "middle_head", "安全办", "2019-09-01", "2022-08-31");
  cadreRecord(third, "middle_head", "安全办", "2022-09-01", "2025-08-31");
  cadreRecord(third, "middle_head", "安全办", "2025-09-01");
  // EXIT-TERM: a deputy party secretary on one open record since 2012-09-01: the term running on
  // the as-of date is the fifth, ending 2027-08-31 (not "ended in 2015").
  const deputySecretary = add({ gender: "M", birth: "1972-07-07", join: "2012-09-01", kind: "leader" });
  deputySecretary.appointments.push({
    school: school.index, post: "deputy_secretary", department: "", start: parseIso("2012-09-01"), end: null,
    method: "appointed", round: null, termYears: null, probationEnd: null,
  });
  // APT-AGE-INCUMBENT: a former deputy of 德育处 made head of 团委 at 51 on 2026-03-01 (a woman
  // competing again for a middle post must be ≤ 50); she reaches the exit age 52 on 2026-12-10.
  const former = teacher("F", "1974-12-10", "1998-09-01", { education: "bachelor" });
  cadreRecord(former, "middle_deputy", "德育处", "2012-09-01", "2026-02-28");
  cadreRecord(former, "middle_head", "团委", "2026-03-01");
  // EXIT-AWAIT, one person in each stage on 2026-09-01: 待岗 since 2026-03-01 (first year: job
  // salary only); not hired in the 2025 round, 待岗 since 2025-09-01 (exactly one year: reduced);
  // not hired in 2022 nor in 2025, 待岗 since 2022-09-01 (over three years: salary stopped).
  const recent = teacher("M", "1983-03-03", "2008-09-01", { leftOn: "2026-02-28" });
  recent.appointments.push({
    school: school.index, post: "awaiting_post", department: "", start: parseIso("2026-03-01"), end: null,
    method: null, round: null, termYears: null, probationEnd: null,
  });
  const notHired = { kind: "not_hired", secondRound: null } as const;
  plantedOutcomes.set(teacher("F", "1979-05-05", "2003-09-01"), new Map([[2025, notHired]]));
  plantedOutcomes.set(teacher("M", "1977-11-11", "2001-09-01"), new Map([[2022, notHired], [2025, notHired]]));
  // Retirement track from 岗位类别 (contract v2): a woman in a 教辅 post whose category is 工勤
  // retires on the 50 track, 2027-02-01 (on the 55 track it would be 2032); another's category
  // is left empty and her 工勤 post decides, as before.
  add({ gender: "F", birth: "1976-05-05", join: "2000-09-01", kind: "teaching_support", postCategory: "worker" });
  add({ gender: "F", birth: "1977-07-17", join: "2001-09-01", kind: "service", postCategory: null });
}
