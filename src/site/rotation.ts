/**
 * 交流轮岗: each school's ratio against its target per round, the county's line for teachers and
 * for leaders, backbone share, reverse flow, tiers, people due, who may not be received, who left
 * too early, exemptions ending. Every target and share comes from the marts: none is written here.
 */
import { peopleRows, publicCount, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { labelOf } from "./labels.ts";
import { inScope, visibleSchools, withNames } from "./scope.ts";

/**
 * Exemptions whose last valid day falls within this many months of the as-of date are listed as
 * ending soon. A display setting (how far ahead the page looks), not a policy rule: the policy
 * digest has no such number, and changing it changes no one's status.
 */
export const EXEMPTION_WARNING_MONTHS = 6;

const schoolCounts = ["eligible", "rotated", "rotated_eligible", "backbone_rotated", "received_barred", "left_early"];

export async function rotationData(context: PageContext) {
  const { audience, asOf } = context;
  const schools = await visibleSchools(context);
  const compliance = (
    await context.rows(
      `select school_id, school_year::integer as school_year, eligible::integer as eligible, rotated::integer as rotated,
              rotated_eligible::integer as rotated_eligible, ratio, target, met, backbone_rotated::integer as backbone_rotated,
              target_exception, phase_in_until::integer as phase_in_until, received_barred::integer as received_barred,
              left_early::integer as left_early
       from rotation_compliance where school_id <> 'ALL' order by school_year, school_id`,
    )
  ).filter((row) => inScope(audience, row.school_id));
  // The county's rows carry what the page says about each round: its dates, and the backbone and leader lines.
  const county = await context.rows(
    `select school_year::integer as school_year, eligible::integer as eligible, rotated::integer as rotated,
            rotated_eligible::integer as rotated_eligible, ratio, target, met, backbone_rotated::integer as backbone_rotated,
            backbone_share, backbone_target, backbone_met, eligible_leaders::integer as eligible_leaders,
            rotated_leaders::integer as rotated_leaders, leader_target, leader_met, leader_rule_id,
            received_barred::integer as received_barred, left_early::integer as left_early, is_complete,
            round_opens_on::varchar as round_opens_on, round_ends_on::varchar as round_ends_on,
            eligibility_records_date::varchar as eligibility_records_date, eligibility_date::varchar as eligibility_date
     from rotation_compliance where school_id = 'ALL' order by school_year`,
  );
  const reverse = await context.rows(
    `select school_year::integer as school_year, backbone_strong_to_other::integer as backbone_strong_to_other,
            backbone_other_to_strong::integer as backbone_other_to_strong, ok
     from reverse_flow order by school_year`,
  );
  const tiers = await context.rows(
    `select tier, tier_zh, schools::integer as schools, all_schools::integer as all_schools, share, max_share, within from rotation_tiers`,
  );
  const due = await context.rows(
    `select staff_id, school_id, due, exempt, barred, failed_appraisal_year::integer as failed_appraisal_year,
            years_in_school, age::integer as age, rule_id, explanation
     from rotation_due where due or exempt or barred order by school_id, staff_id`,
  );
  const leftEarly = await context.rows(
    `select staff_id, school_id, school_year::integer as school_year, start_date::varchar as start_date, left_on::varchar as left_on, explanation
     from rotation_left_early order by school_year, school_id, staff_id`,
  );
  const expiring = await context.rows(
    `select exemption.staff_id, due.school_id, exemption.reason, exemption.valid_until::varchar as valid_until, exemption.capped
     from rotation_exemptions exemption inner join rotation_due due using (staff_id)
     where exemption.valid_until between cast($as_of as date) and cast($as_of as date) + to_months($months)
     order by exemption.valid_until, exemption.staff_id`,
    { as_of: asOf, months: EXEMPTION_WARNING_MONTHS },
  );

  const inScopeRows = <T extends { school_id?: unknown }>(rows: T[]) => rows.filter((row) => inScope(audience, row.school_id));
  const completed = county.filter((row) => row.is_complete).map((row) => Number(row.school_year));
  const duePeople = await withNames(context, peopleRows(audience, due.filter((row) => row.due || row.exempt)));
  const barredPeople = await withNames(context, peopleRows(audience, due.filter((row) => row.barred)));
  const leftEarlyPeople = await withNames(context, peopleRows(audience, leftEarly));
  const expiringPeople = await withNames(context, peopleRows(audience, expiring));
  return {
    schools: toColumns(schools),
    // the last round that has ended, else the one in progress
    defaultYear: completed.length > 0 ? Math.max(...completed) : (county.at(-1)?.school_year ?? null),
    exemptionWarningMonths: EXEMPTION_WARNING_MONTHS,
    compliance: toColumns(
      suppressSmallCells(audience, compliance, {
        counts: schoolCounts,
        // whether a school met its target is read off the ratio: it goes with it
        derived: { ratio: ["eligible", "rotated"], met: ["eligible", "rotated"] },
      }),
    ),
    county: suppressSmallCells(audience, county, {
      counts: [...schoolCounts, "eligible_leaders", "rotated_leaders"],
      derived: {
        ratio: ["eligible", "rotated"], met: ["eligible", "rotated"],
        backbone_share: ["backbone_rotated", "rotated"], backbone_met: ["backbone_rotated", "rotated"],
        leader_met: ["eligible_leaders", "rotated_leaders"],
      },
    }),
    reverseFlow: suppressSmallCells(audience, reverse, { counts: ["backbone_strong_to_other", "backbone_other_to_strong"] }),
    tiers,
    dueBySchool: toColumns(suppressSmallCells(audience, countBySchool(inScopeRows(due)), { counts: ["due", "exempt", "barred"] })),
    barredCount: publicCount(audience, inScopeRows(due).filter((row) => row.barred).length),
    expiringCount: publicCount(audience, inScopeRows(expiring).length),
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

function countBySchool(rows: Record<string, unknown>[]): { school_id: string; due: number; exempt: number; barred: number }[] {
  const bySchool = new Map<string, { school_id: string; due: number; exempt: number; barred: number }>();
  for (const row of rows) {
    const id = String(row.school_id);
    const entry = bySchool.get(id) ?? { school_id: id, due: 0, exempt: 0, barred: 0 };
    if (row.due) entry.due++;
    if (row.exempt) entry.exempt++;
    if (row.barred) entry.barred++;
    bySchool.set(id, entry);
  }
  return [...bySchool.values()];
}
