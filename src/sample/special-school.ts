/**
 * School 0, the county's experimental primary school, reproduces the published figures of
 * seed 001 第5篇 in its 2019 round: 75 staff in the round, 1 not taking part, 74 competing,
 * 66 hired, 8 not hired; then 7 of the 8 (older teachers) hired into service posts (工勤) in a
 * second round and 1 seriously ill teacher given a direct post (直聘) as care.
 * The school's other 66 posts are ordinary random chains (gapless, no transfers in), so exactly
 * 66 other people hold a post on 2019-09-01 and all of them are hired competitively.
 */
import { parseIso, september } from "./dates.ts";
import type { County } from "./county.ts";
import { handMadePerson } from "./hand-made.ts";
import type { Person } from "./people.ts";
import type { Random } from "./random.ts";
import type { Outcome, OutcomeOverride } from "./rounds.ts";
import type { School } from "./schools.ts";

export const SPECIAL_ROUND = 2019;
export const SPECIAL_FIGURES = {
  staffInRound: 75, notParticipating: 1, competed: 74, competitiveHired: 66, notHired: 8, secondRoundService: 7, directCare: 1,
} as const;
/** Posts left to random chains: the round's 75 minus the 9 people written by hand. */
export const SPECIAL_RANDOM_SLOTS = SPECIAL_FIGURES.staffInRound - SPECIAL_FIGURES.notHired - SPECIAL_FIGURES.notParticipating;

export interface SpecialSchool {
  people: Person[];
  override: OutcomeOverride;
}

export function specialSchoolPeople(rng: Random, county: County, school: School): SpecialSchool {
  const outcomes = new Map<Person, Outcome>();
  const people: Person[] = [];
  // 未参聘: a teacher a year and a half from retirement who chose not to take part; stays 待岗.
  const absent = handMadePerson(rng, county, school, { gender: "M", birth: "1961-03-18", join: "1996-09-01" });
  outcomes.set(absent, { kind: "not_participating" });
  people.push(absent);
  // 落聘 then 二次聘任 into service posts: seven older men, aged 52–58 in 2019.
  const births = ["1961-07-02", "1962-01-15", "1962-11-30", "1963-05-21", "1964-09-09", "1965-12-12", "1967-04-04"];
  for (const birth of births) {
    const older = handMadePerson(rng, county, school, { gender: "M", birth, join: `${Number(birth.slice(0, 4)) + 24}-09-01` });
    outcomes.set(older, { kind: "not_hired", secondRound: "service", secondMethod: "second_round" });
    people.push(older);
  }
  // 落聘, then given a teaching post directly as care (照顾) for a serious illness.
  const ill = handMadePerson(rng, county, school, { gender: "F", birth: "1968-10-10", join: "1991-09-01" });
  ill.exemptions.push({ reason: "illness", start: parseIso("2019-06-01"), end: parseIso("2021-05-31") });
  outcomes.set(ill, { kind: "not_hired", secondRound: "teacher", secondMethod: "direct" });
  people.push(ill);

  const override: OutcomeOverride = (person, round) => {
    if (round !== SPECIAL_ROUND || !person.appointments.some((a) => a.school === school.index && a.start <= september(round) && (a.end === null || a.end >= september(round)))) {
      return undefined;
    }
    return outcomes.get(person) ?? { kind: "hired", method: "competitive" };
  };
  return { people, override };
}
