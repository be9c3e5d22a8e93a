/**
 * 绩效津贴: each cadre's policy and applied multiplier for a chosen school, grade distributions,
 * and the staff whose workload is eased for age (PAY-CARE).
 */
import { COUNTY, peopleRows, suppressLinkedTables, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { genderLabel, labelOf, postGroupLabels } from "./labels.ts";
import { countPerSchool, inScope, personList, visibleSchools, withNames, type PersonRow, type SchoolInfo } from "./scope.ts";
import type { Link, Suppressed, TableShape } from "./suppression.ts";

/** Appraisal years shown: the latest few are what payroll can still correct. */
export const ALLOWANCE_YEARS_SHOWN = 3;

/** Cadres per school (and ALL) × year × appraisal grade (its label; 未考核 when none). */
export type GradeCountRow = { school_id: string; year: number; grade: string; count: number | null };
/** Cadres per school (and ALL) × year, and those whose applied multiplier differs from the policy's. */
export type MismatchCountRow = { school_id: string; year: number; cadres: number | null; mismatches: number | null };
/** Staff with an eased workload per school (and ALL) × post group (its label; 全体 = every group). */
export type CareCountRow = { school_id: string; post_group: string; count: number | null };
type PayPerson = { year: number; grade: string | null; policy_multiplier: number | null; applied_multiplier: number | null; mismatch: boolean; allowance: number | null };
type CarePerson = { gender: string | null; age: number; eligible_from: string; explanation: string };

/** 绩效津贴's page data: what src/site/allowance.ts writes and reports/allowance.md reads. */
export interface AllowanceData {
  careGroups: string[];
  careCounts: Columns<Suppressed<CareCountRow>>;
  carePeople: Columns<PersonRow & CarePerson> | null;
  schools: Columns<SchoolInfo>;
  years: number[];
  grades: Columns<Suppressed<GradeCountRow>>;
  mismatches: Columns<Suppressed<MismatchCountRow>>;
  people: Columns<PersonRow & PayPerson> | null;
}

const perSchool = { column: "school_id", total: COUNTY } as const;
/** The page's counts as published tables: a school's cadres in a year are the sum of its cadres by grade. */
export const allowanceShapes = {
  grades: { keys: [perSchool, { column: "year" }, { column: "grade" }], counts: ["count"] },
  mismatches: { keys: [perSchool, { column: "year" }], counts: ["cadres", "mismatches"] },
  careCounts: { keys: [perSchool, { column: "post_group", total: postGroupLabels.all! }], counts: ["count"] },
} satisfies Record<string, TableShape>;

const schoolYear = (row: Record<string, unknown>) => `${String(row.school_id)}|${String(row.year)}`;
export const allowanceLinks: Link[] = [
  { sides: [{ table: "mismatches", count: "cadres", key: schoolYear }, { table: "grades", count: "count", key: schoolYear }] },
];

type PayRow = { staff_id: string; school_id: string; year: number; post: string; grade: string | null; policy_multiplier: number | null; applied_multiplier: number | null; mismatch: boolean; allowance: number | null };

/** Cadres by grade and mismatched multipliers per school and year, suppressed together for the public build (总览 reads the county's mismatches here). */
export async function payCounts(context: PageContext) {
  const { audience } = context;
  const pay = await context.rows<PayRow>(
    `select staff_id, school_id, year::integer as year, post, grade, policy_multiplier, applied_multiplier, mismatch, allowance
     from performance_pay
     where year > (select max(year) from performance_pay) - $years
     order by school_id, year desc, post, staff_id`,
    { years: ALLOWANCE_YEARS_SHOWN },
  );
  const gradeCounts = new Map<string, GradeCountRow & { count: number }>();
  const mismatchCounts = new Map<string, MismatchCountRow & { cadres: number; mismatches: number }>();
  for (const row of pay) {
    for (const schoolId of [COUNTY, row.school_id]) {
      const grade = labelOf("grade", row.grade) ?? "未考核";
      const gradeKey = `${schoolId}|${row.year}|${grade}`;
      const g = gradeCounts.get(gradeKey) ?? { school_id: schoolId, year: row.year, grade, count: 0 };
      g.count++;
      gradeCounts.set(gradeKey, g);
      const mismatchKey = `${schoolId}|${row.year}`;
      const m = mismatchCounts.get(mismatchKey) ?? { school_id: schoolId, year: row.year, cadres: 0, mismatches: 0 };
      m.cadres++;
      if (row.mismatch) m.mismatches++;
      mismatchCounts.set(mismatchKey, m);
    }
  }
  const visible = <T extends { school_id: string }>(rows: T[]) => rows.filter((row) => inScope(audience, row.school_id));
  const tables = {
    grades: { rows: visible([...gradeCounts.values()]), shape: allowanceShapes.grades },
    mismatches: { rows: visible([...mismatchCounts.values()]), shape: allowanceShapes.mismatches },
  };
  return { pay, ...suppressLinkedTables(audience, tables, allowanceLinks) };
}

export async function allowanceData(context: PageContext): Promise<AllowanceData> {
  const { audience } = context;
  const { pay, grades, mismatches } = await payCounts(context);
  const people = await withNames(context, peopleRows(audience, pay));
  return {
    ...(await careData(context)),
    schools: toColumns(await visibleSchools(context)),
    years: [...new Set(pay.map((row) => row.year))].sort((a, b) => b - a),
    grades: toColumns(grades),
    mismatches: toColumns(mismatches),
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
  const care = await context.rows<{ staff_id: string; school_id: string; post: string; post_group: string; gender: string; age: number; care_age: number; eligible_from: string; explanation: string }>(
    `select staff_id, school_id, post, post_group, gender, age, care_age, eligible_from::varchar as eligible_from, explanation
     from care_workload order by school_id, post_group, staff_id`,
  );
  // each person counts in their post group and in 全体
  const groups = care.flatMap((row) => [row.post_group, "all"].map((group) => ({ ...row, group: postGroupLabels[group] ?? group })));
  const people = await withNames(context, peopleRows(audience, care));
  const counts = countPerSchool(audience, groups, (row) => ({ post_group: row.group })) as CareCountRow[];
  return {
    careGroups: Object.values(postGroupLabels),
    careCounts: toColumns(suppressSmallCells(audience, counts, allowanceShapes.careCounts)),
    carePeople: personList(people, (row) => ({
      gender: genderLabel(row.gender),
      age: row.age,
      eligible_from: row.eligible_from,
      explanation: row.explanation,
    })),
  };
}
