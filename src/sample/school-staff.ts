/**
 * Everyone whose career starts in one school, in the order the records are built: base posts,
 * leaders, middle cadres, class teachers, exemptions, the hand-made cases, then the hiring
 * rounds (which need the exemptions and cadre posts to decide outcomes).
 */
import { overlayClassTeachers } from "./class-teachers.ts";
import { generateLeaders, overlayMiddleCadres } from "./cadres.ts";
import { generateBaseStaff, planSlots } from "./careers.ts";
import type { County } from "./county.ts";
import { addRandomExemptions } from "./exemptions.ts";
import type { Person } from "./people.ts";
import { plantedPeople, plantedRoundOutcome } from "./planted.ts";
import type { Random } from "./random.ts";
import { applyRounds, type OutcomeOverride } from "./rounds.ts";
import type { School } from "./schools.ts";
import { SPECIAL_RANDOM_SLOTS, specialSchoolPeople } from "./special-school.ts";

export function schoolPeople(rng: Random, county: County, school: School, planting: boolean): Person[] {
  const special = school.index === 0;
  // The special school's random posts are all teachers apart from a few support and service posts.
  const slots = special
    ? planSlots(rng, { ...school, baseSlots: SPECIAL_RANDOM_SLOTS })
    : planSlots(rng, school);
  const base = generateBaseStaff(rng, county, school, slots);
  // The planting school's leaders and middle cadres are all hand-made (planted.ts).
  const leaders = planting ? [] : generateLeaders(rng, county, school);
  if (!planting) overlayMiddleCadres(rng, school, base);
  overlayClassTeachers(rng, base);
  addRandomExemptions(rng, base);
  const people = [...base, ...leaders];
  let override: OutcomeOverride | undefined;
  if (special) {
    const hand = specialSchoolPeople(rng, county, school);
    people.push(...hand.people);
    override = hand.override;
  }
  if (planting) {
    people.push(...plantedPeople(rng, county, school));
    override = plantedRoundOutcome;
  }
  applyRounds(rng, people, override);
  return people;
}
