/** 总览: each page's headline figure, for the build's audience (county, or the school's own). */
import { audienceLabel, COUNTY, publicCount } from "./audience.ts";
import { payCounts } from "./allowance.ts";
import type { PageContext } from "./context.ts";
import { dueCounts } from "./rotation.ts";
import { lastCompletedSchoolYear, loadedAtSql } from "./scope.ts";
import { structureCounts, type HeadcountRow } from "./structure.ts";
import type { Suppressed } from "./suppression.ts";

/** 总览's page data: what src/site/overview.ts writes and reports/index.md reads. */
export interface OverviewData {
  asOf: string;
  loadedAt: string | null;
  audience: string;
  scope: "本校" | "全县";
  headcounts: Suppressed<HeadcountRow>[];
  rotationDue: number | null;
  rotationExempt: number | null;
  schoolYear: number;
  schoolsBelowRatio: number;
  schoolsMeasured: number;
  payYear: number | null;
  multiplierMismatches: number | null;
  exitsNext12Months: number | null;
  rejectedRows: number | null;
}

/**
 * The headcounts, people due to rotate and mismatched multipliers are the totals of tables on
 * other pages: they are read from those pages' suppressed tables, so that what one page hides
 * to protect a small cell, this one does not print.
 */
export async function overviewData(context: PageContext): Promise<OverviewData> {
  const { audience, asOf } = context;
  // A school build's headlines are about its own people; the others see the county.
  const own = audience.kind === "school" ? audience.schoolId : null;
  const school = own ?? COUNTY;
  const [load] = await context.rows<{ loaded_at: string | null }>(loadedAtSql);
  const { headcounts } = await structureCounts(context);
  const due = (await dueCounts(context)).counts.find((row) => row.school_id === school);
  const pay = await payCounts(context);
  const payYear = pay.pay.length > 0 ? Math.max(...pay.pay.map((row) => row.year)) : null;
  const byOwn = own ? `and school_id = $own` : "";
  const ownParam: Record<string, string> = own ? { own } : {};
  const schoolYear = lastCompletedSchoolYear(asOf);
  const [compliance] = await context.rows<{ below: number; measured: number }>(
    `select count(*) filter (where met = false)::integer as below, count(*) filter (where met is not null)::integer as measured
     from rotation_compliance where school_year = $year and school_id <> 'ALL' ${byOwn}`,
    { year: schoolYear, ...ownParam },
  );
  // a dismissal the law bars (EXIT-PROTECT) is not pending: left out of the headline
  const [exits] = await context.rows<{ people: number }>(
    `select count(distinct staff_id)::integer as people from pending_exits
     where not protected and due_date <= cast($as_of as date) + interval 12 month ${byOwn}`,
    { as_of: asOf, ...ownParam },
  );
  // rows not loaded; an optional cell emptied in a loaded row (v2, action cell) is not one
  const [rejects] = await context.rows<{ rows: number }>(`select count(*)::integer as rows from rejects where action = 'row'`);
  return {
    asOf,
    loadedAt: load?.loaded_at ?? null,
    audience: audienceLabel(audience),
    scope: own ? "本校" : "全县",
    headcounts,
    rotationDue: due?.due ?? 0,
    rotationExempt: due?.exempt ?? 0,
    schoolYear,
    schoolsBelowRatio: compliance?.below ?? 0,
    schoolsMeasured: compliance?.measured ?? 0,
    payYear,
    multiplierMismatches: pay.mismatches.find((row) => row.school_id === school && row.year === payYear)?.mismatches ?? 0,
    exitsNext12Months: publicCount(audience, exits?.people ?? 0),
    rejectedRows: publicCount(audience, rejects?.rows ?? 0),
  };
}
