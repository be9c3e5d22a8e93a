/**
 * Yearly appraisals (年度考核) for everyone who served in a year, 2010–2025: a grade, the
 * 1000-point score and its four components (PAY-SCORE), and for cadres the democratic evaluation
 * votes, the class-teacher base allowance and the multiplier payroll applied (PAY-MULT; a few on
 * purpose differ from the table, as real payroll errors do).
 */
import { day } from "./dates.ts";
import type { Appraisal, AppraisalPlan, Grade, Person, Post } from "./people.ts";
import type { Random } from "./random.ts";

export const LAST_APPRAISAL_YEAR = 2025;

// PAY-MULT, 004 第5篇: excellent / competent / basic; incompetent: no allowance (digest's choice).
const multipliers: Partial<Record<Post, readonly [number, number, number, number]>> = {
  principal: [1.5, 1.4, 0.9, 0],
  party_secretary: [1.5, 1.4, 0.9, 0],
  vice_principal: [1.3, 1.2, 0.9, 0],
  deputy_secretary: [1.3, 1.2, 0.9, 0],
  middle_head: [1.2, 1.1, 0.8, 0],
  middle_deputy: [1.1, 1.0, 0.8, 0],
};
const gradeIndex: Record<Grade, number> = { excellent: 0, competent: 1, basic: 2, incompetent: 3 };
const cadreOrder: readonly Post[] = ["principal", "party_secretary", "vice_principal", "deputy_secretary", "middle_head", "middle_deputy"];

const scoreRange: Record<Grade, [number, number]> = {
  excellent: [880, 990], competent: [700, 879], basic: [600, 699], incompetent: [380, 599],
};

/** Splits a score into attitude ≤ 50, ability ≤ 50, duties ≤ 600, results ≤ 300, summing exactly. */
export function splitScore(rng: Random, score: number): [number, number, number, number] {
  const share = score / 1000;
  const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
  let attitude = clamp(50 * share + rng.int(-3, 3), 50);
  let ability = clamp(50 * share + rng.int(-3, 3), 50);
  let results = clamp(300 * share + rng.int(-20, 20), 300);
  let duties = score - attitude - ability - results;
  if (duties > 600) {
    // Pour the excess into the other parts; it always fits, the four maxima add up to 1000.
    let excess = duties - 600;
    duties = 600;
    const toResults = Math.min(excess, 300 - results);
    results += toResults;
    excess -= toResults;
    const toAttitude = Math.min(excess, 50 - attitude);
    attitude += toAttitude;
    ability += excess - toAttitude;
  }
  // Very low scores: take what is missing from results first, then the two small parts.
  let missing = -Math.min(0, duties);
  for (const take of ["results", "attitude", "ability"] as const) {
    const part = take === "results" ? results : take === "attitude" ? attitude : ability;
    const cut = Math.min(part, missing);
    missing -= cut;
    if (take === "results") results -= cut;
    else if (take === "attitude") attitude -= cut;
    else ability -= cut;
  }
  duties = Math.max(0, duties);
  return [attitude, ability, duties, results];
}

function cadrePostOn(person: Person, date: number): Post | null {
  let best: Post | null = null;
  for (const a of person.appointments) {
    if (a.start <= date && (a.end === null || a.end >= date) && multipliers[a.post] !== undefined) {
      if (best === null || cadreOrder.indexOf(a.post) < cadreOrder.indexOf(best)) best = a.post;
    }
  }
  return best;
}

function servedIn(person: Person, year: number): boolean {
  const first = day(year, 1, 1);
  const last = day(year, 12, 31);
  return person.appointments.some((a) => a.start <= last && (a.end === null || a.end >= first));
}

function randomGrade(rng: Random, cadre: boolean): Grade {
  return rng.weighted<Grade>([["excellent", cadre ? 0.3 : 0.2], ["competent", cadre ? 0.68 : 0.76], ["basic", 0.025], ["incompetent", 0.006]]);
}

export function appraisalsFor(rng: Random, person: Person, schoolSize: number): Appraisal[] {
  const rows: Appraisal[] = [];
  for (let year = 2010; year <= LAST_APPRAISAL_YEAR; year++) {
    if (!servedIn(person, year)) continue;
    const plan = person.appraisalPlans?.get(year);
    const post = cadrePostOn(person, day(year, 12, 31));
    const grade = plan?.grade ?? randomGrade(rng, post !== null);
    const score = rng.int(...scoreRange[grade]);
    const [attitude, ability, duties, results] = splitScore(rng, score);
    const row: Appraisal = { year, grade, score, attitude, ability, duties, results, votes: null, appliedMultiplier: null, baseAllowance: null };
    if (post !== null) {
      row.votes = votesFor(rng, grade, schoolSize, plan?.votes ?? naturalVoteCase(rng));
      const table = multipliers[post]!;
      const policy = table[gradeIndex[grade]]!;
      const wrong = plan?.wrongMultiplier ?? rng.chance(0.03);
      // A payroll slip: the multiplier of the next grade up (or 1.0 when that is the same).
      const slipped = table[Math.max(0, gradeIndex[grade] - 1)]!;
      row.appliedMultiplier = wrong ? (slipped !== policy ? slipped : 1.0) : policy;
      row.baseAllowance = 600 + 50 * ((schoolSize * 7 + year) % 9);
    }
    rows.push(row);
  }
  return rows;
}

type VoteCase = AppraisalPlan["votes"];

function naturalVoteCase(rng: Random): VoteCase {
  return rng.weighted<VoteCase>([[undefined, 0.975], ["fail_share", 0.015], ["fail_incompetent", 0.01]]);
}

/** Democratic evaluation votes: expected ≥ cast ≥ the four counts together (EXIT-VOTES cases). */
export function votesFor(rng: Random, grade: Grade, schoolSize: number, voteCase: VoteCase): NonNullable<Appraisal["votes"]> {
  if (voteCase === "boundary_share") {
    // Exactly 60 % excellent + competent: not below the line, so no dismissal.
    return { expected: 52, cast: 50, excellent: 10, competent: 20, basic: 12, incompetent: 8 };
  }
  if (voteCase === "exact_quorum") {
    // 20 of 30 took part, exactly 2/3 (APT-QUORUM): the evaluation is valid, and 11 of 20 is below 60 %.
    return { expected: 30, cast: 20, excellent: 5, competent: 6, basic: 5, incompetent: 4 };
  }
  if (voteCase === "boundary_incompetent") {
    // Exactly 30 % incompetent: not above the line.
    return { expected: 50, cast: 50, excellent: 15, competent: 20, basic: 0, incompetent: 15 };
  }
  const expected = Math.max(15, Math.round(schoolSize * 0.9) + rng.int(-3, 3));
  const cast = expected - rng.int(0, Math.floor(expected * 0.08));
  if (voteCase === "fail_share") {
    const positive = Math.ceil(cast * 0.6) - 1 - rng.int(0, 3);
    const incompetent = Math.min(Math.floor(cast * 0.3), cast - positive);
    const excellent = Math.floor(positive / 3);
    return { expected, cast, excellent, competent: positive - excellent, basic: cast - positive - incompetent, incompetent };
  }
  if (voteCase === "fail_incompetent") {
    const incompetent = Math.floor(cast * 0.3) + 1 + rng.int(0, 2);
    const excellent = Math.floor((cast - incompetent) * 0.5);
    return { expected, cast, excellent, competent: cast - incompetent - excellent, basic: 0, incompetent };
  }
  const incompetent = Math.round(cast * rng.next() * 0.04);
  const basic = Math.round(cast * rng.next() * 0.08);
  const abstain = Math.min(rng.int(0, 2), cast - incompetent - basic);
  const rest = cast - incompetent - basic - abstain;
  const excellent = Math.round(rest * (grade === "excellent" ? 0.5 + rng.next() * 0.3 : 0.25 + rng.next() * 0.25));
  return { expected, cast, excellent, competent: rest - excellent, basic, incompetent };
}
