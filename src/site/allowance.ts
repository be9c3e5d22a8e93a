/**
 * 绩效津贴: each cadre's policy and applied multiplier for a chosen school, grade distributions,
 * and the staff whose workload is eased for age (PAY-CARE).
 */
import { peopleRows, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { genderLabel, labelOf, postGroupLabels } from "./labels.ts";
import { countPerSchool, inScope, personList, visibleSchools, withNames } from "./scope.ts";

/** Appraisal years shown: the latest few are what payroll can still correct. */
export const ALLOWANCE_YEARS_SHOWN = 3;

export async function allowanceData(context: PageContext) {
  const { audience } = context;
  const schools = await visibleSchools(context);
  const pay = await context.rows(
    `select staff_id, school_id, year::integer as year, post, grade, policy_multiplier, applied_multiplier, mismatch, allowance
     from performance_pay
     where year > (select max(year) from performance_pay) - $years
     order by school_id, year desc, post, staff_id`,
    { years: ALLOWANCE_YEARS_SHOWN },
  );
  const gradeCounts = new Map<string, { school_id: string; year: number; grade: string; count: number }>();
  const mismatchCounts = new Map<string, { school_id: string; year: number; cadres: number; mismatches: number }>();
  for (const row of pay) {
    for (const schoolId of ["ALL", String(row.school_id)]) {
      const grade = labelOf("grade", row.grade) ?? "未考核";
      const gradeKey = `${schoolId}|${row.year}|${grade}`;
      const g = gradeCounts.get(gradeKey) ?? { school_id: schoolId, year: Number(row.year), grade, count: 0 };
      g.count++;
      gradeCounts.set(gradeKey, g);
      const mismatchKey = `${schoolId}|${row.year}`;
      const m = mismatchCounts.get(mismatchKey) ?? { school_id: schoolId, year: Number(row.year), cadres: 0, mismatches: 0 };
      m.cadres++;
      if (row.mismatch) m.mismatches++;
      mismatchCounts.set(mismatchKey, m);
    }
  }
  const visible = <T extends { school_id: string }>(rows: T[]) =>
    rows.filter((row) => inScope(audience, row.school_id));
  const people = await withNames(context, peopleRows(audience, pay));
  return {
    ...(await careData(context)),
    schools: toColumns(schools),
    years: [...new Set(pay.map((row) => Number(row.year)))].sort((a, b) => b - a),
    grades: toColumns(suppressSmallCells(audience, visible([...gradeCounts.values()]), { counts: ["count"] })),
    mismatches: toColumns(suppressSmallCells(audience, visible([...mismatchCounts.values()]), { counts: ["cadres", "mismatches"] })),
    people: personList(people, (row) => ({
      year: row.year,
      grade: labelOf("grade", row.grade),
      policy_multiplier: row.policy_multiplier,
      applied_multiplier: row.applied_multiplier,
      mismatch: row.mismatch,
      allowance: row.allowance,
    })),
  };
}

/** Staff in post whose workload is eased for age (PAY-CARE): counts per school and post group for all, names for bureau and school builds. */
async function careData(context: PageContext) {
  const { audience } = context;
  const care = await context.rows(
    `select staff_id, school_id, post, post_group, gender, age, care_age, eligible_from::varchar as eligible_from, explanation
     from care_workload order by school_id, post_group, staff_id`,
  );
  // each person counts in their post group and in 全体
  const groups = care.flatMap((row) => [String(row.post_group), "all"].map((group) => ({ ...row, group: postGroupLabels[group] ?? group })));
  const people = await withNames(context, peopleRows(audience, care));
  return {
    careGroups: Object.values(postGroupLabels),
    careCounts: toColumns(suppressSmallCells(audience, countPerSchool(audience, groups, (row) => ({ post_group: row.group })), { counts: ["count"] })),
    carePeople: personList(people, (row) => ({
      gender: genderLabel(row.gender),
      age: row.age,
      eligible_from: row.eligible_from,
      explanation: row.explanation,
    })),
  };
}
