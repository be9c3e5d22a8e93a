/** 总览: each page's headline figure, for the build's audience (county, or the school's own). */
import { audienceLabel, COUNTY, publicCount } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { lastCompletedSchoolYear, loadedAtSql } from "./scope.ts";

export async function overviewData(context: PageContext) {
  const { audience, asOf } = context;
  // A school build's headlines are about its own people; the others see the county.
  const own = audience.kind === "school" ? audience.schoolId : null;
  const scope = { school: own ?? COUNTY, own };
  const one = async (sql: string, params: Record<string, string | number> = {}) => {
    const [row] = await context.rows(sql, { ...params });
    return row ?? {};
  };
  const [load] = await context.rows(loadedAtSql);
  const headcounts = await context.rows(
    `select post_group, sum(headcount)::integer as headcount from age_structure
     where school_id = $school and gender in ('M', 'F') group by post_group order by post_group`,
    { school: scope.school },
  );
  const byOwn = own ? `and school_id = $own` : "";
  const ownParam: Record<string, string> = own ? { own } : {};
  const rotation = await one(
    `select count(*) filter (where due)::integer as due, count(*) filter (where exempt)::integer as exempt from rotation_due where true ${byOwn}`,
    ownParam,
  );
  const schoolYear = lastCompletedSchoolYear(asOf);
  const compliance = await one(
    `select count(*) filter (where met = false)::integer as below, count(*) filter (where met is not null)::integer as measured
     from rotation_compliance where school_year = $year and school_id <> 'ALL' ${byOwn}`,
    { year: schoolYear, ...ownParam },
  );
  const pay = await one(
    `select max(year)::integer as year, count(*) filter (where mismatch and year = (select max(year) from performance_pay))::integer as mismatches
     from performance_pay where true ${byOwn}`,
    ownParam,
  );
  // a dismissal the law bars (EXIT-PROTECT) is not pending: left out of the headline
  const exits = await one(
    `select count(distinct staff_id)::integer as people from pending_exits
     where not protected and due_date <= cast($as_of as date) + interval 12 month ${byOwn}`,
    { as_of: asOf, ...ownParam },
  );
  // rows not loaded; an optional cell emptied in a loaded row (v2, action cell) is not one
  const rejects = await one(`select count(*)::integer as rows from rejects where action = 'row'`);
  const count = (value: unknown) => publicCount(audience, Number(value ?? 0));
  return {
    asOf,
    loadedAt: load?.loaded_at ?? null,
    audience: audienceLabel(audience),
    scope: own ? "本校" : "全县",
    headcounts: headcounts.map((row) => ({ post_group: row.post_group, headcount: count(row.headcount) })),
    rotationDue: count(rotation.due),
    rotationExempt: count(rotation.exempt),
    schoolYear,
    schoolsBelowRatio: Number(compliance.below ?? 0),
    schoolsMeasured: Number(compliance.measured ?? 0),
    payYear: pay.year ?? null,
    multiplierMismatches: count(pay.mismatches),
    exitsNext12Months: count(exits.people),
    rejectedRows: count(rejects.rows),
  };
}
