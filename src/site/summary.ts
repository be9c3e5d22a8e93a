/**
 * 年度总结: the figures a published reform summary reports (policy digest §5) per hiring round,
 * for the county and each school, plus rotation and the cadre team's age and tenure. Aggregates
 * only in every build, so the same page can be printed and published.
 */
import { COUNTY, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { awaitingStageLabels } from "./labels.ts";
import { countPerSchool, inScope, lastCompletedSchoolYear, visibleSchools, type SchoolInfo } from "./scope.ts";

export const roundFigures = [
  ["staff_in_round", "参与本轮人员"],
  ["not_participating", "未参聘"],
  ["competed", "参加竞聘"],
  ["competitive_hired", "竞聘上岗"],
  ["first_round_not_hired", "首轮落聘"],
  ["second_round_hired", "二次聘任"],
  ["direct_hired", "直聘"],
  ["care_direct_hired", "其中照顾性直聘（重病、孕产等）"],
  ["awaiting_post_end", "待岗（本轮结束时）"],
] as const;

/** A suppressed count or a figure computed from one: null in the public build, its column named in `suppressed`. */
type Suppressed<T> = T & { suppressed?: string[] };
type Figure = (typeof roundFigures)[number][0];

/** One hiring round at one school (or ALL): the figures of policy digest §5. */
export type RoundRow = { round: number; school_id: string } & Record<Figure, number | null>;
export type RotationYearRow = { school_id: string; school_year: number; eligible: number | null; rotated: number | null; backbone_rotated: number | null; ratio: number | null };
export type MovesRow = { school_id: string; school_year: number; rotated_in: number | null; rotated_out: number | null; is_complete: boolean };
export type CadreTeamRow = {
  school_id: string;
  cadres: number | null;
  young_cadres: number | null;
  mean_age: number | null;
  mean_years_in_post: number | null;
  mean_years_in_school: number | null;
};
/** People per school (and ALL): within the direct-hire window (EXIT-RETIRE), or awaiting a post at a stage (EXIT-AWAIT). */
export type DirectHireRow = { school_id: string; count: number | null };
export type AwaitingRow = { school_id: string; stage: string; count: number | null };

/** 年度总结's page data: what src/site/summary.ts writes and reports/summary.md (and its test) reads. */
export interface SummaryData {
  asOf: string;
  schools: Columns<SchoolInfo>;
  figures: { key: Figure; label: string }[];
  rounds: Columns<Suppressed<RoundRow>>;
  rotations: Columns<Suppressed<RotationYearRow>>;
  moves: Columns<Suppressed<MovesRow>>;
  youngCadreMaxAge: number | null;
  cadreTeam: Columns<Suppressed<CadreTeamRow>>;
  directHire: Columns<Suppressed<DirectHireRow>>;
  stages: string[];
  awaiting: Columns<Suppressed<AwaitingRow>>;
}

export async function summaryData(context: PageContext): Promise<SummaryData> {
  const { audience } = context;
  const schools = await visibleSchools(context);
  const figures = roundFigures.map(([column]) => `${column}::integer as ${column}`).join(", ");
  const rounds = (await context.rows<RoundRow>(`select round::integer as round, school_id, ${figures} from reform_summary order by round, school_id`))
    .filter((row) => inScope(audience, row.school_id))

  // The county's rotations only: the page reports the county's years (each school's are on the
  // rotation page), and 1,300 schools × a decade of unshown years would double the page's data.
  const rotations = await context.rows<RotationYearRow>(
    `select school_id, school_year::integer as school_year, eligible::integer as eligible, rotated::integer as rotated,
            backbone_rotated::integer as backbone_rotated, ratio
     from rotation_compliance where school_id = $county and school_year <= $last_year order by school_year`,
    // Completed school years only: the one in progress has not had its rotations yet.
    { county: COUNTY, last_year: lastCompletedSchoolYear(context.asOf) },
  );

  // Everyone who rotated in or out, per school year (round Y's school year is Y), the year in
  // progress included: a round is summarised with the rotations that started in its school year.
  // Only the school years of a round: no other year is shown.
  const moves = (
    await context.rows<MovesRow>(
      `select school_id, school_year::integer as school_year, rotated_in::integer as rotated_in,
              rotated_out::integer as rotated_out, is_complete
       from rotation_compliance where school_year in (select round from reform_summary) order by school_year, school_id`,
    )
  ).filter((row) => inScope(audience, row.school_id));

  const cadreTeam = (
    await context.rows<CadreTeamRow>(
      `select school_id, cadres, young_cadres, mean_age, mean_years_in_post, mean_years_in_school
       from cadre_team where post_group = 'all' order by school_id = 'ALL' desc, school_id`,
    )
  ).filter((row) => inScope(audience, row.school_id));
  const [young] = await context.rows<{ young_cadre_max_age: number }>(`select young_cadre_max_age from cadre_team limit 1`);

  // Ahead of the next round (digest §5): who may be hired directly for being within the policy's
  // years of retirement (EXIT-RETIRE), and who is awaiting a post at which stage (EXIT-AWAIT).
  const directHire = countPerSchool(audience, await context.rows(`select school_id from direct_hire_eligible`), () => ({})) as DirectHireRow[];
  const awaiting = countPerSchool(
    audience,
    await context.rows(`select school_id, stage from awaiting_post`),
    (row) => ({ stage: awaitingStageLabels[String(row.stage)] ?? row.stage }),
  ) as AwaitingRow[];

  return {
    asOf: context.asOf,
    schools: toColumns(schools),
    figures: roundFigures.map(([key, label]) => ({ key, label })),
    rounds: toColumns(suppressSmallCells(audience, rounds, { counts: roundFigures.map(([column]) => column) })),
    rotations: toColumns(
      suppressSmallCells(audience, rotations, {
        counts: ["eligible", "rotated", "backbone_rotated"],
        derived: { ratio: ["eligible", "rotated"] },
      }),
    ),
    moves: toColumns(suppressSmallCells(audience, moves, { counts: ["rotated_in", "rotated_out"] })),
    youngCadreMaxAge: young?.young_cadre_max_age ?? null,
    cadreTeam: toColumns(
      suppressSmallCells(audience, cadreTeam, {
        counts: ["cadres", "young_cadres"],
        derived: { mean_age: ["cadres"], mean_years_in_post: ["cadres"], mean_years_in_school: ["cadres"] },
      }),
    ),
    directHire: toColumns(suppressSmallCells(audience, directHire, { counts: ["count"] })),
    stages: Object.values(awaitingStageLabels),
    awaiting: toColumns(suppressSmallCells(audience, awaiting, { counts: ["count"] })),
  };
}
