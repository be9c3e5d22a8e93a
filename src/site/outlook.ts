/**
 * 展望: the next school years as if nobody moved and nobody were hired (digest §7, the `outlook`
 * mart): the retirement wave, the cadre pipeline (cadres, the share aged ≤ YOUNG-CADRE's age) and
 * the teachers and leaders coming due, per school and county; beside the first year, what the
 * draft rotation plan would leave of those due, when the marts hold a `rotation_plan`.
 * The public build gets the county's rows only; counts of 1–4 are withheld as on every page.
 */
import { COUNTY, schoolAggregates, suppressLinkedTables } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { exitCounts } from "./exits.ts";
import { toColumns, type Columns } from "./frame.ts";
import { exitTypeLabels } from "./labels.ts";
import { visibleSchools, type SchoolInfo } from "./scope.ts";
import type { Link, Suppressed, TableShape } from "./suppression.ts";

/** One school (or ALL) × outlook school year, as the mart has it. */
export type OutlookRow = {
  school_year: number;
  school_id: string;
  teachers_due: number | null;
  leaders_due: number | null;
  retirements: number | null;
  cadre_age_exits: number | null;
  term_ends: number | null;
  cadres: number | null;
  cadres_40_or_under: number | null;
  backbone: number | null;
  share_40_or_under: number | null;
};

/** The first outlook year's due teachers and leaders against those the draft plan sends, per school (and ALL). */
export type PlanEffectRow = {
  school_year: number;
  school_id: string;
  teachers_due: number | null;
  teachers_sent: number | null;
  teachers_left: number | null;
  leaders_due: number | null;
  leaders_sent: number | null;
  leaders_left: number | null;
};

/** 展望's page data: what src/site/outlook.ts writes and reports/outlook.md reads. */
export interface OutlookData {
  schools: Columns<SchoolInfo>;
  /** The school years, first (the coming round's) to last. */
  years: number[];
  /** YOUNG-CADRE's age (40周岁以下 includes it), from the mart: the label's number. */
  youngCadreMaxAge: number | null;
  outlook: Columns<Suppressed<OutlookRow>>;
  /** Null when the marts hold no `rotation_plan` (no plan drafted for this build). */
  planEffect: Columns<Suppressed<PlanEffectRow>> | null;
}

const perSchool = { column: "school_id", total: COUNTY } as const;
const outlookCounts = ["teachers_due", "leaders_due", "retirements", "cadre_age_exits", "term_ends", "cadres", "cadres_40_or_under", "backbone"] as const;
/** The page's counts as published tables: the county's rows are the sums of the schools'. */
export const outlookShapes = {
  outlook: {
    keys: [{ column: "school_year" }, perSchool],
    counts: outlookCounts,
    derived: { share_40_or_under: ["cadres_40_or_under", "cadres"] },
  },
  planEffect: {
    keys: [{ column: "school_year" }, perSchool],
    counts: ["teachers_due", "teachers_sent", "teachers_left", "leaders_due", "leaders_sent", "leaders_left"],
    sums: [
      { total: "teachers_due", parts: ["teachers_sent", "teachers_left"] },
      { total: "leaders_due", parts: ["leaders_sent", "leaders_left"] },
    ],
  },
} satisfies Record<string, TableShape>;

const sameCell = (row: Record<string, unknown>) => `${String(row.school_year)}|${String(row.school_id)}`;
/** The plan's table repeats the first year's due teachers and leaders: one figure, hidden together. */
export const outlookLinks: Link[] = (["teachers_due", "leaders_due"] as const).map((count) => ({
  sides: [{ table: "outlook", count, key: sameCell }, { table: "planEffect", count, key: sameCell }],
}));

/** The public build shows the county only (the outlook holds counts, but per school they are small). */
const inBuild = (context: PageContext) => <T extends { school_id: string }>(rows: readonly T[]): T[] =>
  context.audience.kind === "public" ? rows.filter((row) => row.school_id === COUNTY) : schoolAggregates(context.audience, rows);

export async function outlookData(context: PageContext): Promise<OutlookData> {
  const scope = inBuild(context);
  const rows = await context.rows<OutlookRow & { young_cadre_max_age: number; on_pending_exits: boolean }>(
    `select school_year, school_id, ${outlookCounts.join(", ")}, share_40_or_under, young_cadre_max_age, on_pending_exits
     from outlook order by school_year, school_id = 'ALL' desc, school_id`,
  );
  const onPendingExits = new Set(rows.filter((row) => row.on_pending_exits).map((row) => row.school_year));
  const years = [...new Set(rows.map((row) => row.school_year))];
  const plan = await planEffectRows(context, years[0]);
  const published = suppressLinkedTables(context.audience, {
    outlook: { rows: scope(rows.map(({ young_cadre_max_age: _age, on_pending_exits: _listed, ...row }) => row)), shape: outlookShapes.outlook },
    planEffect: { rows: scope(plan ?? []), shape: outlookShapes.planEffect },
  }, outlookLinks);
  return {
    // the public build shows no school's outlook: it needs no school list
    schools: toColumns(context.audience.kind === "public" ? [] : await visibleSchools(context)),
    years,
    youngCadreMaxAge: rows[0]?.young_cadre_max_age ?? null,
    outlook: toColumns(await withExitMonths(context, published.outlook, onPendingExits)),
    planEffect: plan && toColumns(published.planEffect),
  };
}

/** The outlook's exits that 待退出 also publishes, month by month, under these kinds. */
export const exitMonthKinds = { retirements: exitTypeLabels.retirement!, cadre_age_exits: exitTypeLabels.cadre_age! } as const;

/**
 * The public build: a year whose exits all fall within pending_exits' horizon (`listed`) has
 * retirements (and cadre-age exits) that are the sum of 待退出's county months in that year (an
 * exit after Y-09-01 and by (Y+1)-09-01: months Y-09 … (Y+1)-09), so a month that page withholds
 * would come back as the year less the months it shows. The year is withheld with it (the months
 * are 待退出's figures; this page follows what that page published). A year reaching past the
 * horizon holds months nobody publishes, and gives no month back.
 */
async function withExitMonths(context: PageContext, rows: Suppressed<OutlookRow>[], listed: ReadonlySet<number>): Promise<Suppressed<OutlookRow>[]> {
  if (context.audience.kind !== "public" || listed.size === 0) return rows;
  const months = (await exitCounts(context)).byMonth.filter((month) => month.school_id === COUNTY && month.count === null);
  return rows.map((row) => {
    const inYear = (month: string) => month >= `${row.school_year}-09` && month <= `${row.school_year + 1}-09`;
    const hidden = (Object.entries(exitMonthKinds) as [keyof typeof exitMonthKinds, string][])
      .filter(([column, kind]) => listed.has(row.school_year) && row[column] !== null && months.some((month) => month.kind === kind && inYear(month.month)))
      .map(([column]) => column);
    if (hidden.length === 0) return row;
    return { ...row, ...Object.fromEntries(hidden.map((column) => [column, null])), suppressed: [...(row.suppressed ?? []), ...hidden] } as Suppressed<OutlookRow>;
  });
}

/**
 * The draft plan's effect beside the first year: each school's due teachers and leaders (the
 * outlook's first year) less the people `rotation_plan` sends from it that year. The plan is the
 * contract's table (school_year, staff_id, from_school_id, to_school_id, post_group, backbone);
 * without it in the marts the page says no plan was drafted.
 */
async function planEffectRows(context: PageContext, firstYear: number | undefined): Promise<PlanEffectRow[] | null> {
  if (firstYear === undefined) return null;
  const [found] = await context.rows<{ tables: number }>(
    `select count(*)::integer as tables from information_schema.tables where table_name = 'rotation_plan'`,
  );
  if (!found?.tables) return null;
  return context.rows<PlanEffectRow>(
    `with sent as (
        select from_school_id as school_id,
            count(distinct staff_id) filter (where post_group <> 'leader')::integer as teachers_sent,
            count(distinct staff_id) filter (where post_group = 'leader')::integer as leaders_sent,
        from rotation_plan
        -- a post rotation (校内轮岗) leaves the person due to leave the school
        where school_year = $year and to_school_id <> from_school_id
        group by grouping sets ((from_school_id), ())
    )
    select outlook.school_year, outlook.school_id,
        outlook.teachers_due, coalesce(sent.teachers_sent, 0) as teachers_sent,
        outlook.teachers_due - coalesce(sent.teachers_sent, 0) as teachers_left,
        outlook.leaders_due, coalesce(sent.leaders_sent, 0) as leaders_sent,
        outlook.leaders_due - coalesce(sent.leaders_sent, 0) as leaders_left,
    from outlook
    left join sent on sent.school_id = outlook.school_id
        or (sent.school_id is null and outlook.school_id = 'ALL')
    where outlook.school_year = $year
    order by outlook.school_id = 'ALL' desc, outlook.school_id`,
    { year: firstYear },
  );
}
