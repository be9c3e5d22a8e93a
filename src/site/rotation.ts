/** 交流轮岗: ratios against targets, county trend, backbone share, reverse flow, people due, exemptions ending. */
import { peopleRows, publicCount, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { labelOf } from "./labels.ts";
import { inScope, lastCompletedSchoolYear, visibleSchools, withNames } from "./scope.ts";

/** ROT-BACKBONE: backbone teachers are at least this share of the teachers rotated in a year (policy default). */
export const BACKBONE_SHARE_TARGET = 0.2;
/** Exemptions ending within this many months of the as-of date are listed as "about to expire". */
export const EXEMPTION_WARNING_MONTHS = 6;

export async function rotationData(context: PageContext) {
  const { audience, asOf } = context;
  const schools = await visibleSchools(context);
  const compliance = (
    await context.rows(
      `select school_id, school_year::integer as school_year, eligible::integer as eligible, rotated::integer as rotated,
              ratio, target, met, backbone_rotated::integer as backbone_rotated
       from rotation_compliance order by school_year, school_id`,
    )
  )
    .filter((row) => inScope(audience, row.school_id));
  const reverse = await context.rows(
    `select school_year::integer as school_year, backbone_strong_to_other::integer as backbone_strong_to_other,
            backbone_other_to_strong::integer as backbone_other_to_strong, ok
     from reverse_flow order by school_year`,
  );
  const due = await context.rows(
    `select staff_id, school_id, due, exempt, years_in_school, age::integer as age, rule_id, explanation
     from rotation_due where due or exempt order by school_id, staff_id`,
  );
  const dueBySchool = countDue(due).filter((row) => inScope(audience, row.school_id));
  const expiring = await context.rows(
    `select exemption.staff_id, due.school_id, exemption.reason, exemption.end_date::varchar as end_date
     from stg_exemptions exemption inner join rotation_due due using (staff_id)
     where exemption.end_date between cast($as_of as date) and cast($as_of as date) + to_months($months)
     order by exemption.end_date, exemption.staff_id`,
    { as_of: asOf, months: EXEMPTION_WARNING_MONTHS },
  );

  const duePeople = await withNames(context, peopleRows(audience, due));
  const expiringPeople = await withNames(context, peopleRows(audience, expiring));
  return {
    schools: toColumns(schools),
    defaultYear: lastCompletedSchoolYear(asOf),
    backboneShareTarget: BACKBONE_SHARE_TARGET,
    exemptionWarningMonths: EXEMPTION_WARNING_MONTHS,
    compliance: toColumns(
      suppressSmallCells(audience, compliance, {
        counts: ["eligible", "rotated", "backbone_rotated"],
        // whether a school met its target is read off the ratio: it goes with it
        derived: { ratio: ["eligible", "rotated"], met: ["eligible", "rotated"] },
      }),
    ),
    reverseFlow: suppressSmallCells(audience, reverse, { counts: ["backbone_strong_to_other", "backbone_other_to_strong"] }),
    dueBySchool: toColumns(suppressSmallCells(audience, dueBySchool, { counts: ["due", "exempt"] })),
    expiringCount: publicCount(audience, expiring.filter((row) => inScope(audience, row.school_id)).length),
    due:
      duePeople &&
      toColumns(
        duePeople.map((row) => ({
          staff_id: row.staff_id,
          name: row.name,
          school_id: row.school_id,
          due: row.due,
          years_in_school: row.years_in_school,
          age: row.age,
          rule_id: row.rule_id,
          explanation: row.explanation,
        })),
      ),
    expiring:
      expiringPeople &&
      expiringPeople.map((row) => ({
        staff_id: row.staff_id,
        name: row.name,
        school_id: row.school_id,
        reason: labelOf("exemption_reason", row.reason),
        end_date: row.end_date,
      })),
  };
}

function countDue(rows: Record<string, unknown>[]): { school_id: string; due: number; exempt: number }[] {
  const bySchool = new Map<string, { school_id: string; due: number; exempt: number }>();
  for (const row of rows) {
    const id = String(row.school_id);
    const entry = bySchool.get(id) ?? { school_id: id, due: 0, exempt: 0 };
    if (row.due) entry.due++;
    if (row.exempt) entry.exempt++;
    bySchool.set(id, entry);
  }
  return [...bySchool.values()];
}
