/**
 * The typed schema of the policy file: every rule ID, every key under it, and what kind of value
 * it holds. A policy file must match it exactly (no unknown key, no missing key, no wrong type), so
 * a typo in a bureau's edited copy is caught on load instead of silently using a default.
 */
import { vocabularies } from "../contract.ts";

/**
 * A leaf value; any kind may also be a dated list `[{ from, value }, …]`. A share is kept as an
 * exact fraction (written 0.15 or "2/3"); a month_day is "MM-DD" (the day a yearly round opens);
 * `names` is a list of office names as a clerk writes it (教导处、总务处, possibly empty); `aliases`
 * pairs another name with the office it counts as (教务处=教导处、德育处=政教处).
 */
export type LeafKind = "number" | "share" | "integer" | "boolean" | "date" | "month_day" | "education" | "title" | "names" | "aliases";
export interface Group {
  [key: string]: LeafKind | Group;
}

const gradeMultipliers: Group = { excellent: "number", competent: "number", basic: "number", incompetent: "number" };
const retirementTrack: Group = {
  old_age_years: "integer",
  first_birth_month: "date",
  step_months: "integer",
  max_delay_months: "integer",
};

/**
 * One school type's approved leader and office posts (APT-ESTABLISHMENT): leaders by post, and
 * each office listed in `offices` with `office_head` heads and `office_deputy` deputies.
 */
const establishment: Group = {
  principal: "integer",
  party_secretary: "integer",
  vice_principal: "integer",
  deputy_secretary: "integer",
  offices: "names",
  office_head: "integer",
  office_deputy: "integer",
};
/** A value per school level of the schools file (contract: schools.level). */
const byLevel = (kind: LeafKind): Group =>
  Object.fromEntries(Object.keys(vocabularies.level).map((level) => [level, kind]));

export const policySchema: Group = {
  "ROT-YEAR": { round_opens: "month_day" },
  "ROT-T9": { years_in_school: "number", max_age_male: "integer", max_age_female: "integer" },
  "ROT-P3": { years_in_post: "number", retirement_margin_years: "number" },
  "ROT-MC6": { years_in_post: "number", years_head_and_deputy: "number" },
  "ROT-MC-AGE": { exit_margin_years: "number" },
  "ROT-EXEMPT": { max_extension_years: "number" },
  "ROT-EXEMPT-RET": { enabled: "boolean", years_to_retirement: "number" },
  "ROT-RATIO": {
    target_strong: "share",
    target_urban_or_town: "share",
    target_general: "share",
    target_weak: "share",
    count_only_eligible: "boolean",
  },
  "ROT-RATIO-ALT": { enabled: "boolean", leaders: "share", backbone: "share", ordinary: "share" },
  "ROT-LEAD15": { target: "share" },
  "ROT-BACKBONE": { min_share: "share" },
  "ROT-TIERS": { max_share: "share" },
  "ROT-SERVE": { years: "number", rural_support_years: "number" },
  "ROT-BAR": { years: "number" },
  "ROT-REMOTE": { phase_in_max_years: "integer" },
  "ROT-DEFER": { enabled: "boolean", other_schools: "integer", years_each: "number", rural_years: "number", unless_years_in_school: "number" },
  "APT-AGE-NEW": { max_age_male: "integer", max_age_female: "integer" },
  "APT-AGE-INCUMBENT": { max_age_male: "integer", max_age_female: "integer" },
  "APT-EDU": { min_education: "education" },
  "APT-YEARS": { teaching_years: "number", class_teacher_years: "number" },
  "APT-DEPUTY-FIRST": { deputy_years: "number" },
  "APT-APPRAISAL": { years: "integer" },
  "APT-TERM": { term_years: "number", probation_years: "number" },
  "APT-TERM-MAX": { terms: "integer" },
  "APT-QUORUM": { min_turnout: "share" },
  "APT-ESTABLISHMENT": { ...Object.fromEntries(Object.keys(vocabularies.level).map((level) => [level, establishment])), office_aliases: "aliases" },
  "APT-PRINCIPAL": {
    teaching_years: "number",
    min_education: byLevel("education"),
    min_title: byLevel("title"),
    max_age: "integer",
    rotate_after_terms: "integer",
    deputies_follow: "boolean",
  },
  "APT-TRIAL": { trial_years: "number" },
  "APT-RESERVE": { min_age: "integer", max_age: "integer", years_in_school: "number", class_teacher_years: "number" },
  "YOUNG-CADRE": { max_age: "integer" },
  "EXIT-MC-AGE": { age_male: "integer", age_female: "integer" },
  "EXIT-APPRAISAL": { lookback_years: "integer" },
  "EXIT-VOTES": { min_approval_share: "share", max_incompetent_share: "share", lookback_years: "integer" },
  "EXIT-NOTICE": { days: "integer" },
  "EXIT-RETIRE": { direct_hire_years: "number" },
  "EXIT-AWAIT": { job_salary_years: "number", salary_stops_years: "number" },
  "PAY-SCORE": { max_attitude: "number", max_ability: "number", max_duties: "number", max_results: "number" },
  "PAY-MULT": {
    principal: gradeMultipliers,
    party_secretary: gradeMultipliers,
    vice_principal: gradeMultipliers,
    deputy_secretary: gradeMultipliers,
    middle_head: gradeMultipliers,
    middle_deputy: gradeMultipliers,
  },
  "PAY-CARE": { age_male: "integer", age_female: "integer" },
  RETIRE: { male: retirementTrack, female_55: retirementTrack, female_50: retirementTrack },
};
