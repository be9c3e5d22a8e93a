/**
 * Statutory retirement dates (policy digest §6): the sample needs them to decide when people
 * leave and to plant people who retire within the horizon. The tracks are data, as the digest
 * asks; the dashboard's own policy file holds its copy.
 */
import { addMonths, civil, day, type Day } from "./dates.ts";

export type RetirementTrack = "men" | "women_cadre" | "women_worker";

interface Track {
  oldAgeYears: number;
  firstAffected: [number, number]; // birth year, month
  monthsPerStep: number;
  maxDelayMonths: number;
}

const tracks: Record<RetirementTrack, Track> = {
  men: { oldAgeYears: 60, firstAffected: [1965, 1], monthsPerStep: 4, maxDelayMonths: 36 },
  women_cadre: { oldAgeYears: 55, firstAffected: [1970, 1], monthsPerStep: 4, maxDelayMonths: 36 },
  women_worker: { oldAgeYears: 50, firstAffected: [1975, 1], monthsPerStep: 2, maxDelayMonths: 60 },
};

export function trackFor(gender: "M" | "F", servicePost: boolean): RetirementTrack {
  if (gender === "M") return "men";
  return servicePost ? "women_worker" : "women_cadre";
}

/** First day of the statutory retirement month: birth month + old age + delay. */
export function retirementDate(birth: Day, track: RetirementTrack): Day {
  const rule = tracks[track];
  const [y, m] = civil(birth);
  const n = (y - rule.firstAffected[0]) * 12 + (m - rule.firstAffected[1]) + 1;
  const delay = n <= 0 ? 0 : Math.min(Math.ceil(n / rule.monthsPerStep), rule.maxDelayMonths);
  return addMonths(day(y, m, 1), rule.oldAgeYears * 12 + delay);
}
