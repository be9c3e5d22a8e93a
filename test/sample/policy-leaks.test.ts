/**
 * No default leaks (issue 10, point 6): with every number in the policy file set to a value unlike
 * its default (and the variant switches on, so their numbers are shown too), the sample county's
 * marts and the bureau build's page data state each rule's threshold with the file's number and
 * never with a default. A number written into SQL or TS in place of a policy read would show here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ingest } from "../../data-loaders/ingest.ts";
import { martNames, siteMartNames } from "../../src/models/models.ts";
import { defaultPolicyPath } from "../../src/policy/load.ts";
import { allowanceData } from "../../src/site/allowance.ts";
import { exitsData } from "../../src/site/exits.ts";
import { snapshotMarts } from "../../src/site/marts.ts";
import { overviewData } from "../../src/site/overview.ts";
import { qualityData } from "../../src/site/quality.ts";
import { rotationData } from "../../src/site/rotation.ts";
import { structureData } from "../../src/site/structure.ts";
import { summaryData } from "../../src/site/summary.ts";
import { openDatabase, queryJson, type Database } from "../../src/warehouse/duckdb.ts";
import { pageContext } from "../site/support/context.ts";
import { generateSample } from "./generate.ts";

type Rules = Record<string, Record<string, unknown>>;
/** Every count unlike each level's default (0 to 3), and offices no default lists. */
const establishment = (offices: string) => ({ principal: 2, party_secretary: 2, vice_principal: 4, deputy_secretary: 1, offices, office_head: 2, office_deputy: 2 });
const multipliers = (excellent: number, competent: number, basic: number, incompetent: number) => ({ excellent, competent, basic, incompetent });

/** Hand-picked so that no value equals any default: a default in the output cannot be one of these. */
const unusual: Rules = {
  "ROT-YEAR": { round_opens: "08-01" },
  "ROT-T9": { years_in_school: 8, max_age_male: 57, max_age_female: 53 },
  "ROT-P3": { years_in_post: 11, retirement_margin_years: 7 },
  "ROT-MC6": { years_in_post: 7, years_head_and_deputy: 11 },
  "ROT-MC-AGE": { exit_margin_years: 7 },
  "ROT-EXEMPT": { max_extension_years: 7 },
  "ROT-EXEMPT-RET": { enabled: true, years_to_retirement: 7 },
  "ROT-RATIO": { target_strong: 0.17, target_urban_or_town: 0.16, target_general: 0.13, target_weak: 0.11, count_only_eligible: false },
  "ROT-RATIO-ALT": { enabled: false, leaders: 0.33, backbone: 0.17, ordinary: 0.11 },
  "ROT-LEAD15": { target: 0.19 },
  "ROT-BACKBONE": { min_share: 0.23 },
  "ROT-TIERS": { max_share: 0.35 },
  "ROT-SERVE": { years: 7, rural_support_years: 8 },
  "ROT-BAR": { years: 7 },
  "ROT-REMOTE": { phase_in_max_years: 7 },
  "ROT-DEFER": { enabled: true, other_schools: 7, years_each: 7, rural_years: 8, unless_years_in_school: 13 },
  "APT-AGE-NEW": { max_age_male: 47, max_age_female: 43 },
  "APT-AGE-INCUMBENT": { max_age_male: 57, max_age_female: 53 },
  "APT-EDU": { min_education: "associate" },
  "APT-YEARS": { teaching_years: 7, class_teacher_years: 8 },
  "APT-DEPUTY-FIRST": { deputy_years: 7 },
  "APT-APPRAISAL": { years: 7 },
  "APT-TERM": { term_years: 7, probation_years: 8 },
  "APT-TERM-MAX": { terms: 7 },
  "APT-QUORUM": { min_turnout: "3/4" },
  "APT-ESTABLISHMENT": {
    ...Object.fromEntries(["primary", "junior", "nine_year", "complete", "senior", "vocational"].map((level) => [level, establishment("教导处、教科室")])),
    kindergarten: establishment("保教处"),
    office_aliases: "教学处=教导处",
  },
  "APT-PRINCIPAL": {
    teaching_years: 6,
    min_education: { primary: "associate", junior: "bachelor", nine_year: "bachelor", complete: "postgraduate", senior: "postgraduate", vocational: "postgraduate", kindergarten: "other" },
    min_title: { primary: "third", junior: "third", nine_year: "third", complete: "senior", senior: "senior", vocational: "senior", kindergarten: "third" },
    max_age: 58,
    rotate_after_terms: 3,
    deputies_follow: true,
  },
  "APT-TRIAL": { trial_years: 2 },
  "APT-RESERVE": { min_age: 27, max_age: 47, years_in_school: 7, class_teacher_years: 8 },
  "YOUNG-CADRE": { max_age: 38 },
  "EXIT-MC-AGE": { age_male: 57, age_female: 53 },
  "EXIT-APPRAISAL": { lookback_years: 7 },
  "EXIT-VOTES": { min_approval_share: 0.65, max_incompetent_share: 0.35, lookback_years: 7 },
  "EXIT-NOTICE": { days: 33 },
  "EXIT-RETIRE": { direct_hire_years: 7 },
  "EXIT-AWAIT": { job_salary_years: 0.5, salary_stops_years: 7 },
  "PAY-SCORE": { max_attitude: 70, max_ability: 70, max_duties: 700, max_results: 200 },
  "PAY-MULT": {
    principal: multipliers(1.55, 1.45, 0.95, 0.05),
    party_secretary: multipliers(1.55, 1.45, 0.95, 0.05),
    vice_principal: multipliers(1.35, 1.25, 0.95, 0.05),
    deputy_secretary: multipliers(1.35, 1.25, 0.95, 0.05),
    middle_head: multipliers(1.25, 1.15, 0.85, 0.05),
    middle_deputy: multipliers(1.15, 1.05, 0.85, 0.05),
  },
  "PAY-CARE": { age_male: 57, age_female: 53 },
  RETIRE: {
    male: { old_age_years: 61, first_birth_month: "1966-01-01", step_months: 5, max_delay_months: 37 },
    female_55: { old_age_years: 56, first_birth_month: "1971-01-01", step_months: 5, max_delay_months: 37 },
    female_50: { old_age_years: 51, first_birth_month: "1976-01-01", step_months: 3, max_delay_months: 61 },
  },
};

const defaults = (parse(readFileSync(defaultPolicyPath, "utf8")) as { rules: Rules }).rules;

/** Every leaf of a rules tree with its path; a share's text ("2/3") is kept as written. */
function leaves(tree: unknown, path: string[] = []): [string, unknown][] {
  if (tree !== null && typeof tree === "object" && !(tree instanceof Date)) {
    return Object.entries(tree).flatMap(([key, value]) => leaves(value, [...path, key]));
  }
  return [[path.join("."), tree]];
}

/** A number as the explanations may show it: itself, and a share also as a percentage. */
function shownAs(value: unknown): number[] {
  const number = typeof value === "string" && /^\d+\/\d+$/.test(value) ? Number(value.split("/")[0]) / Number(value.split("/")[1]) : value;
  if (typeof number !== "number") return [];
  const percent = Math.round(number * 1000) / 10;
  return number < 1 ? [number, percent] : [number];
}

/** A threshold as the rules' sentences state it: after a comparison word, before its unit. */
const threshold = /(≥|≤|<|>|最长|超过|满分|未满|不满|已满|提前|系数|目标)(\d+(?:\.\d+)?)(?=%|年|周岁|日|分|个)/g;

let db: Database;
let text = "";
beforeAll(async () => {
  const dir = await generateSample();
  const warehouse = join(dir, "..", "county-policy-leaks.duckdb");
  await ingest({ dataDir: dir, warehouse, today: "2026-09-01" });
  const policyPath = join(dir, "..", "unusual-policy.yaml");
  writeFileSync(policyPath, stringify({ rules: unusual }));
  // as a site build does: the models once, their tables and the names copied into one file
  const snapshot = join(dir, "..", "marts-policy-leaks.duckdb");
  await snapshotMarts({ warehouse, asOf: "2026-09-01", out: snapshot, policyPath });
  db = await openDatabase(snapshot);
  const parts: string[] = [];
  for (const mart of [...martNames, ...siteMartNames]) parts.push(JSON.stringify(await queryJson(db.connection, `select * from ${mart}`)));
  const context = pageContext(db, "bureau", "2026-09-01");
  for (const page of [overviewData, structureData, rotationData, allowanceData, exitsData, summaryData, qualityData]) parts.push(JSON.stringify(await page(context)));
  text = parts.join("\n");
}, 300_000);
afterAll(() => db?.close());

describe("every number in the policy file set unlike its default", () => {
  it("the test's policy changes every value but the switches", () => {
    const given = new Map(leaves(unusual));
    const unchanged = leaves(defaults).filter(([path, value]) => typeof value !== "boolean" && String(given.get(path)) === String(value));
    expect(leaves(defaults).map(([path]) => path).sort()).toEqual([...given.keys()].sort());
    expect(unchanged).toEqual([]);
  });

  it("the output states thresholds with the file's numbers, and many of them", () => {
    const stated = new Set([...text.matchAll(threshold)].map((match) => Number(match[2])));
    const fromFile = new Set(leaves(unusual).flatMap(([, value]) => shownAs(value)));
    // the sample county meets enough rules that most of the file's distinct numbers are stated
    expect([...fromFile].filter((value) => stated.has(value)).length).toBeGreaterThanOrEqual(15);
  });

  it("no threshold is a default's number", () => {
    const fromFile = new Set(leaves(unusual).flatMap(([, value]) => shownAs(value)));
    const defaultOnly = new Set(leaves(defaults).flatMap(([, value]) => shownAs(value)).filter((value) => !fromFile.has(value)));
    const leaked = [...text.matchAll(threshold)].filter((match) => defaultOnly.has(Number(match[2])));
    const context = leaked.slice(0, 5).map((match) => text.slice(Math.max(0, match.index - 60), match.index + 20));
    expect(context).toEqual([]);
  });
});
