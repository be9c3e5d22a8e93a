/**
 * What every part of the generator shares: the schools, staff numbering, and where rotations may
 * go. Rotation destinations follow the tiers so that the reverse-flow rule (ROT-NO-REVERSE)
 * normally holds and deliberately fails in one school year.
 */
import type { Day } from "./dates.ts";
import type { IssuedIdNumbers } from "./identity.ts";
import type { Post } from "./people.ts";
import type { Random } from "./random.ts";
import type { School } from "./schools.ts";

/** School year in which backbone teachers flow the wrong way (planted ROT-NO-REVERSE failure). */
export const REVERSE_FLOW_FAILS_IN = 2021;

export interface County {
  schools: School[];
  /** Schools that may receive people; school 0 is excluded so its round figures stay exact. */
  strong: number[];
  notStrong: number[];
  ruralOrWeak: number[];
  receiving: number[];
  nextStaffId: () => string;
  issuedIdNumbers: IssuedIdNumbers;
  /**
   * Leaders who rotate into a school generated later (ROT-P3, ROT-LEAD15): that school's own chain
   * for the post hands over to them on `start` and resumes on `until`.
   */
  incomingLeaders: Map<number, { post: Post; start: Day; until: Day }[]>;
  /** Schools whose leaders are all written by hand: they receive no rotated leader. */
  handMadeLeaders: Set<number>;
}

export function makeCounty(schools: School[]): County {
  const receiving = schools.filter((s) => s.index !== 0);
  let counter = 0;
  return {
    schools,
    strong: receiving.filter((s) => s.tier === "strong").map((s) => s.index),
    notStrong: receiving.filter((s) => s.tier !== "strong").map((s) => s.index),
    ruralOrWeak: receiving.filter((s) => s.location === "rural" || s.tier === "weak").map((s) => s.index),
    receiving: receiving.map((s) => s.index),
    nextStaffId: () => String(10000001 + counter++),
    issuedIdNumbers: new Set(),
    incomingLeaders: new Map(),
    handMadeLeaders: new Set(),
  };
}

/** A school from `pool` other than `origin`, or null when there is none. */
export function pickOther(rng: Random, pool: readonly number[], origin: number): number | null {
  if (pool.length === 0 || (pool.length === 1 && pool[0] === origin)) return null;
  for (;;) {
    const candidate = rng.pick(pool);
    if (candidate !== origin) return candidate;
  }
}

/**
 * Where a backbone teacher's rotation goes. Normally strong schools send backbone teachers out
 * and only a few go the other way (the "few reverse flows" of the issue); in
 * REVERSE_FLOW_FAILS_IN strong schools keep theirs within the strong tier and the others send
 * theirs up, so that year fails ROT-NO-REVERSE on purpose.
 */
export function backboneDestination(rng: Random, county: County, origin: number, year: number): number | null {
  const fromStrong = county.schools[origin]!.tier === "strong";
  if (year === REVERSE_FLOW_FAILS_IN) return pickOther(rng, county.strong, origin);
  if (fromStrong) return pickOther(rng, county.notStrong, origin);
  return pickOther(rng, rng.chance(0.06) ? county.strong : county.notStrong, origin);
}
