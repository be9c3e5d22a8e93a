/**
 * 交流轮岗: each school's ratio against its target per round, the county's line for teachers and
 * for leaders, backbone share, reverse flow, tiers, people due, who may not be received, who left
 * too early, exemptions ending. Every target and share comes from the marts: none is written here.
 */
import { COUNTY, peopleRows, publicCount, suppressLinkedTables, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { labelOf } from "./labels.ts";
import { inScope, visibleSchools, withNames, type SchoolInfo } from "./scope.ts";
import { sharedResult } from "./shared.ts";
import type { Link, Suppressed, TableShape } from "./suppression.ts";

/**
 * Exemptions whose last valid day falls within this many months of the as-of date are listed as
 * ending soon. A display setting (how far ahead the page looks), not a policy rule: the policy
 * digest has no such number, and changing it changes no one's status.
 */
export const EXEMPTION_WARNING_MONTHS = 6;

const schoolCounts = ["eligible", "rotated", "rotated_eligible", "backbone_rotated", "received_barred", "left_early"] as const;
type SchoolCount = (typeof schoolCounts)[number];

/** One school in one round against its target (the county's row is CountyRoundRow). */
export type ComplianceRow = { school_id: string; school_year: number; ratio: number | null; target: number | null; met: boolean | null; target_exception: string | null; phase_in_until: number | null } & Record<SchoolCount, number | null>;
/** The county in one round: its counts, its dates, and the backbone and leader lines. */
export type CountyRoundRow = Omit<ComplianceRow, "school_id" | "target_exception" | "phase_in_until"> & {
  backbone_share: number | null;
  backbone_target: number | null;
  backbone_met: boolean | null;
  eligible_leaders: number | null;
  rotated_leaders: number | null;
  leader_target: number | null;
  leader_met: boolean | null;
  leader_rule_id: string | null;
  is_complete: boolean;
  round_opens_on: string | null;
  round_ends_on: string | null;
  eligibility_records_date: string | null;
  eligibility_date: string | null;
};
export type ReverseFlowRow = { school_year: number; backbone_strong_to_other: number | null; backbone_other_to_strong: number | null; ok: boolean | null };
export type TierRow = { tier: string; tier_zh: string; schools: number; all_schools: number; share: number | null; max_share: number | null; within: boolean | null };
/** People due to rotate, exempt, or barred from being received, per school and ALL. */
export type DueCountRow = { school_id: string; due: number | null; exempt: number | null; barred: number | null };
type DueRow = { staff_id: string; school_id: string; due: boolean; exempt: boolean; barred: boolean; failed_appraisal_year: number | null; years_in_school: number; age: number; rule_id: string; explanation: string };
type LeftEarlyRow = { staff_id: string; school_id: string; school_year: number; start_date: string; left_on: string; explanation: string };
type Named<T> = T & { name: string | null };
export type ExpiringRow = { staff_id: string; name: string | null; school_id: string; reason: string | null; end_date: string; capped: boolean };

/** 交流轮岗's page data: what src/site/rotation.ts writes and reports/rotation.md reads. */
export interface RotationData {
  schools: Columns<SchoolInfo>;
  defaultYear: number | null;
  exemptionWarningMonths: number;
  compliance: Columns<Suppressed<ComplianceRow>>;
  county: Suppressed<CountyRoundRow>[];
  reverseFlow: Suppressed<ReverseFlowRow>[];
  tiers: TierRow[];
  dueBySchool: Columns<Suppressed<DueCountRow>>;
  barredCount: number | null;
  expiringCount: number | null;
  due: Columns<Named<Omit<DueRow, "barred" | "failed_appraisal_year">>> | null;
  barred: Columns<Named<Pick<DueRow, "staff_id" | "school_id" | "failed_appraisal_year">>> | null;
  leftEarly: Columns<Named<LeftEarlyRow>> | null;
  expiring: ExpiringRow[] | null;
}

/** The page's counts as published tables: the county's row of each round is the sum of the schools'. */
export const rotationShapes = {
  compliance: {
    keys: [{ column: "school_id" }, { column: "school_year" }],
    counts: schoolCounts,
    // whether a school met its target is read off the ratio: it goes with it
    derived: { ratio: ["eligible", "rotated"], met: ["eligible", "rotated"] },
  },
  county: {
    keys: [{ column: "school_year" }],
    counts: [...schoolCounts, "eligible_leaders", "rotated_leaders"],
    derived: {
      ratio: ["eligible", "rotated"], met: ["eligible", "rotated"],
      backbone_share: ["backbone_rotated", "rotated"], backbone_met: ["backbone_rotated", "rotated"],
      leader_met: ["eligible_leaders", "rotated_leaders"],
    },
  },
  reverseFlow: { keys: [{ column: "school_year" }], counts: ["backbone_strong_to_other", "backbone_other_to_strong"] },
  dueBySchool: { keys: [{ column: "school_id", total: COUNTY }], counts: ["due", "exempt", "barred"] },
} satisfies Record<string, TableShape>;

export const rotationLinks: Link[] = schoolCounts.map((count) => ({
  sides: [
    { table: "county", count, key: (row) => String(row.school_year) },
    { table: "compliance", count, key: (row) => String(row.school_year) },
  ],
}));

/**
 * People due to rotate, exempt or barred per school and for the county, suppressed for the
 * public build: 总览's headlines are the county's row, so it reads them here.
 */
export async function dueCounts(context: PageContext): Promise<{ rows: DueRow[]; counts: Suppressed<DueCountRow>[] }> {
  const rows = await context.rows<DueRow>(
    `select staff_id, school_id, due, exempt, barred, failed_appraisal_year::integer as failed_appraisal_year,
            years_in_school, age::integer as age, rule_id, explanation
     from rotation_due where due or exempt or barred order by school_id, staff_id`,
  );
  const bySchool = new Map<string, DueCountRow & Record<"due" | "exempt" | "barred", number>>();
  for (const row of rows) {
    for (const schoolId of [COUNTY, row.school_id]) {
      const entry = bySchool.get(schoolId) ?? { school_id: schoolId, due: 0, exempt: 0, barred: 0 };
      for (const status of ["due", "exempt", "barred"] as const) if (row[status]) entry[status]++;
      bySchool.set(schoolId, entry);
    }
  }
  const counts = [...bySchool.values()].filter((row) => inScope(context.audience, row.school_id));
  return { rows, counts: suppressSmallCells(context.audience, counts, rotationShapes.dueBySchool) };
}

/**
 * Each school's and the county's counts per round, suppressed together for the public build.
 * Once per build: 年度总结 publishes the county's too (shared.ts).
 */
export const roundCounts = (context: PageContext) => sharedResult(context, "round-counts", () => countRounds(context));

async function countRounds(context: PageContext) {
  const { audience } = context;
  const compliance = (
    await context.rows<ComplianceRow>(
      `select school_id, school_year::integer as school_year, eligible::integer as eligible, rotated::integer as rotated,
              rotated_eligible::integer as rotated_eligible, ratio, target, met, backbone_rotated::integer as backbone_rotated,
              target_exception, phase_in_until::integer as phase_in_until, received_barred::integer as received_barred,
              left_early::integer as left_early
       from rotation_compliance where school_id <> 'ALL' order by school_year, school_id`,
    )
  ).filter((row) => inScope(audience, row.school_id));
  // The county's rows carry what the page says about each round: its dates, and the backbone and leader lines.
  const county = await context.rows<CountyRoundRow>(
    `select school_year::integer as school_year, eligible::integer as eligible, rotated::integer as rotated,
            rotated_eligible::integer as rotated_eligible, ratio, target, met, backbone_rotated::integer as backbone_rotated,
            backbone_share, backbone_target, backbone_met, eligible_leaders::integer as eligible_leaders,
            rotated_leaders::integer as rotated_leaders, leader_target, leader_met, leader_rule_id,
            received_barred::integer as received_barred, left_early::integer as left_early, is_complete,
            round_opens_on::varchar as round_opens_on, round_ends_on::varchar as round_ends_on,
            eligibility_records_date::varchar as eligibility_records_date, eligibility_date::varchar as eligibility_date
     from rotation_compliance where school_id = 'ALL' order by school_year`,
  );
  const tables = { compliance: { rows: compliance, shape: rotationShapes.compliance }, county: { rows: county, shape: rotationShapes.county } };
  return suppressLinkedTables(audience, tables, rotationLinks);
}

export async function rotationData(context: PageContext): Promise<RotationData> {
  const { audience, asOf } = context;
  const schools = await visibleSchools(context);
  const { compliance, county } = await roundCounts(context);
  const reverse = await context.rows<ReverseFlowRow>(
    `select school_year::integer as school_year, backbone_strong_to_other::integer as backbone_strong_to_other,
            backbone_other_to_strong::integer as backbone_other_to_strong, ok
     from reverse_flow order by school_year`,
  );
  const tiers = await context.rows<TierRow>(
    `select tier, tier_zh, schools::integer as schools, all_schools::integer as all_schools, share, max_share, within from rotation_tiers`,
  );
  const due = await dueCounts(context);
  const leftEarly = await context.rows<LeftEarlyRow>(
    `select staff_id, school_id, school_year::integer as school_year, start_date::varchar as start_date, left_on::varchar as left_on, explanation
     from rotation_left_early order by school_year, school_id, staff_id`,
  );
  const expiring = await context.rows<{ staff_id: string; school_id: string; reason: string; valid_until: string; capped: boolean }>(
    `select exemption.staff_id, due.school_id, exemption.reason, exemption.valid_until::varchar as valid_until, exemption.capped
     from rotation_exemptions exemption inner join rotation_due due using (staff_id)
     where exemption.valid_until between cast($as_of as date) and cast($as_of as date) + to_months($months)
     order by exemption.valid_until, exemption.staff_id`,
    { as_of: asOf, months: EXEMPTION_WARNING_MONTHS },
  );

  const completed = county.filter((row) => row.is_complete).map((row) => Number(row.school_year));
  const duePeople = await withNames(context, peopleRows(audience, due.rows.filter((row) => row.due || row.exempt)));
  const barredPeople = await withNames(context, peopleRows(audience, due.rows.filter((row) => row.barred)));
  const leftEarlyPeople = await withNames(context, peopleRows(audience, leftEarly));
  const expiringPeople = await withNames(context, peopleRows(audience, expiring));
  // the barred in the audience's scope: the county's, or a school build's own
  const scope = audience.kind === "school" ? audience.schoolId : COUNTY;
  return {
    schools: toColumns(schools),
    // the last round that has ended, else the one in progress
    defaultYear: completed.length > 0 ? Math.max(...completed) : (county.at(-1)?.school_year ?? null),
    exemptionWarningMonths: EXEMPTION_WARNING_MONTHS,
    compliance: toColumns(compliance),
    county,
    reverseFlow: suppressSmallCells(audience, reverse, rotationShapes.reverseFlow),
    tiers,
    dueBySchool: toColumns(due.counts),
    barredCount: due.counts.find((row) => row.school_id === scope)?.barred ?? 0,
    expiringCount: publicCount(audience, expiring.filter((row) => inScope(audience, row.school_id)).length),
    due: duePeople && toColumns(duePeople.map(({ barred: _barred, failed_appraisal_year: _year, ...row }) => row)),
    barred: barredPeople && toColumns(barredPeople.map(({ staff_id, name, school_id, failed_appraisal_year }) => ({ staff_id, name, school_id, failed_appraisal_year }))),
    leftEarly: leftEarlyPeople && toColumns(leftEarlyPeople),
    expiring:
      expiringPeople &&
      expiringPeople.map((row) => ({
        staff_id: row.staff_id,
        name: row.name,
        school_id: row.school_id,
        reason: labelOf("exemption_reason", row.reason),
        end_date: row.valid_until,
        capped: row.capped,
      })),
  };
}
