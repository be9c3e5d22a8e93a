/**
 * 年度总结: the figures a published reform summary reports (policy digest §5) per hiring round,
 * for the county and each school, plus rotation and the cadre team's age and tenure. Aggregates
 * only in every build, so the same page can be printed and published.
 */
import { COUNTY, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { awaitingStageLabels } from "./labels.ts";
import { countPerSchool, inScope, lastCompletedSchoolYear, visibleSchools } from "./scope.ts";

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

export async function summaryData(context: PageContext) {
  const { audience } = context;
  const schools = await visibleSchools(context);
  const figures = roundFigures.map(([column]) => `${column}::integer as ${column}`).join(", ");
  const rounds = (await context.rows(`select round::integer as round, school_id, ${figures} from reform_summary order by round, school_id`))
    .filter((row) => inScope(audience, row.school_id))

  // The county's rotations only: the page reports the county's years (each school's are on the
  // rotation page), and 1,300 schools × a decade of unshown years would double the page's data.
  const rotations = await context.rows(
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
    await context.rows(
      `select school_id, school_year::integer as school_year, rotated_in::integer as rotated_in,
              rotated_out::integer as rotated_out, is_complete
       from rotation_compliance where school_year in (select round from reform_summary) order by school_year, school_id`,
    )
  ).filter((row) => inScope(audience, row.school_id));

  const cadreTeam = (
    await context.rows(
      `select school_id, cadres, young_cadres, mean_age, mean_years_in_post, mean_years_in_school
       from cadre_team where post_group = 'all' order by school_id = 'ALL' desc, school_id`,
    )
  ).filter((row) => inScope(audience, row.school_id));
  const [young] = await context.rows(`select young_cadre_max_age from cadre_team limit 1`);

  // Ahead of the next round (digest §5): who may be hired directly for being within the policy's
  // years of retirement (EXIT-RETIRE), and who is awaiting a post at which stage (EXIT-AWAIT).
  const directHire = countPerSchool(audience, await context.rows(`select school_id from direct_hire_eligible`), () => ({}));
  const awaiting = countPerSchool(
    audience,
    await context.rows(`select school_id, stage from awaiting_post`),
    (row) => ({ stage: awaitingStageLabels[String(row.stage)] ?? row.stage }),
  );

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
