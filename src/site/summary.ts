/**
 * 年度总结: the figures a published reform summary reports (policy digest §5) per hiring round,
 * for the county and each school, plus rotation and the cadre team's age and tenure. Aggregates
 * only in every build, so the same page can be printed and published.
 */
import { COUNTY, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { awaitingCounts, type AwaitingCountRow } from "./exits.ts";
import { toColumns, type Columns } from "./frame.ts";
import { awaitingStageLabels, postGroupLabels } from "./labels.ts";
import { roundCounts } from "./rotation.ts";
import { countPerSchool, inScope, lastCompletedSchoolYear, visibleSchools, type SchoolInfo } from "./scope.ts";
import { structureCounts } from "./structure.ts";
import type { Suppressed, TableShape } from "./suppression.ts";

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
export type AwaitingRow = AwaitingCountRow;

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

const perSchool = { column: "school_id", total: COUNTY } as const;
/**
 * The page's own counts as published tables: the county's rows are the sums of the schools'.
 * Its rotations, cadre team and 待岗 stages are other pages' tables (交流轮岗, 干部结构,
 * 待退出), taken as those pages suppressed them: a cell one page hides, this one does not print.
 */
export const summaryShapes = {
  rounds: { keys: [{ column: "round" }, perSchool], counts: roundFigures.map(([column]) => column) },
  moves: { keys: [{ column: "school_year" }, perSchool], counts: ["rotated_in", "rotated_out"] },
  directHire: { keys: [perSchool], counts: ["count"] },
} satisfies Record<string, TableShape>;

export async function summaryData(context: PageContext): Promise<SummaryData> {
  const { audience } = context;
  const schools = await visibleSchools(context);
  const figures = roundFigures.map(([column]) => `${column}::integer as ${column}`).join(", ");
  const rounds = (await context.rows<RoundRow>(`select round::integer as round, school_id, ${figures} from reform_summary order by round, school_id`))
    .filter((row) => inScope(audience, row.school_id));

  // The county's rotations only: the page reports the county's years (each school's are on the
  // rotation page), and 1,300 schools × a decade of unshown years would double the page's data.
  // Completed school years only: the one in progress has not had its rotations yet.
  const lastYear = lastCompletedSchoolYear(context.asOf);
  const rotations: Suppressed<RotationYearRow>[] = (await roundCounts(context)).county
    .filter((row) => row.school_year <= lastYear)
    .map((row) => ({
      school_id: COUNTY,
      school_year: row.school_year,
      eligible: row.eligible,
      rotated: row.rotated,
      backbone_rotated: row.backbone_rotated,
      ratio: row.ratio,
      ...suppressedOf(row.suppressed, { eligible: "eligible", rotated: "rotated", backbone_rotated: "backbone_rotated", ratio: "ratio" }),
    }));

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

  // The cadre team as 干部结构 publishes it: its 全体 rows (leaders and middle cadres).
  const structure = await structureCounts(context);
  const cadreTeam = structure.summary
    .filter((row) => row.post_group === postGroupLabels.all)
    .sort((a, b) => Number(b.school_id === COUNTY) - Number(a.school_id === COUNTY) || a.school_id.localeCompare(b.school_id))
    .map(({ school_id, cadres, young, mean_age, mean_years_in_post, mean_years_in_school, suppressed }): Suppressed<CadreTeamRow> => ({
      school_id, cadres, young_cadres: young, mean_age, mean_years_in_post, mean_years_in_school,
      ...suppressedOf(suppressed, { cadres: "cadres", young: "young_cadres", mean_age: "mean_age", mean_years_in_post: "mean_years_in_post", mean_years_in_school: "mean_years_in_school" }),
    }));

  // Ahead of the next round (digest §5): who may be hired directly for being within the policy's
  // years of retirement (EXIT-RETIRE), and who is awaiting a post at which stage (EXIT-AWAIT).
  const directHire = countPerSchool(audience, await context.rows(`select school_id from direct_hire_eligible`), () => ({})) as DirectHireRow[];

  return {
    asOf: context.asOf,
    schools: toColumns(schools),
    figures: roundFigures.map(([key, label]) => ({ key, label })),
    rounds: toColumns(suppressSmallCells(audience, rounds, summaryShapes.rounds)),
    rotations: toColumns(rotations),
    moves: toColumns(suppressSmallCells(audience, moves, summaryShapes.moves)),
    youngCadreMaxAge: structure.youngCadreMaxAge,
    cadreTeam: toColumns(cadreTeam),
    directHire: toColumns(suppressSmallCells(audience, directHire, summaryShapes.directHire)),
    stages: Object.values(awaitingStageLabels),
    awaiting: toColumns((await awaitingCounts(context)).counts),
  };
}

/** Another page's `suppressed` list, for the columns this page keeps (old name → new name). */
function suppressedOf(suppressed: string[] | undefined, kept: Record<string, string>): { suppressed?: string[] } {
  const names = (suppressed ?? []).flatMap((column) => (kept[column] === undefined ? [] : [kept[column]]));
  return names.length > 0 ? { suppressed: names } : {};
}
