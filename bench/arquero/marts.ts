/**
 * sql/marts/rotation_due.sql and rotation_compliance.sql with arquero: the contract's rows and
 * every further column the SQL writes, explanations included, so the comparison covers them all.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { dayOf } from "./days.ts";
import type { RawTables } from "./load.ts";
import { rotationEligibility, stage } from "./eligibility.ts";
import type { PolicyLookup } from "./policy.ts";
import { dateText, numberText, percentText, roundTo, yearsText } from "./text.ts";

const { op, escape } = aq;
type Row = Record<string, any>;
/** Join keys shared by both tables (a bare two-name array would mean left key, right key). */
const on = (...names: string[]): [string[], string[]] => [names, names];
const isNull = (value: unknown): value is null | undefined => value === null || value === undefined;
/** SQL division by nullif(b, 0). */
const divide = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const atLeast = (a: number | null, b: number | null): boolean | null => (a === null || b === null ? null : a >= b);

function dueExplanation(d: Row): string {
  const numbers = d.base_rule_id === "ROT-T9"
    ? `在本校连续任教${yearsText(d.years_in_school)}年（${d.years_in_school >= d.t9_years ? "≥" : "<"}${numberText(d.t9_years)}年`
      + `${d.away_years > 0 ? `，已扣除支教等临时交流${yearsText(d.away_years)}年` : ""}），`
      + `${d.gender_zh}，${d.age}周岁（${d.age <= d.t9_max_age ? "≤" : ">"}${numberText(d.t9_max_age)}周岁）`
    : `在本校连续任校级干部${yearsText(d.years_as_leader)}年（${d.years_as_leader >= d.p3_years ? "≥" : "<"}${numberText(d.p3_years)}年，即满三个聘期），`
      + `距法定退休（${dateText(d.retirement_date)}）还有${yearsText(d.years_to_retirement)}年（${d.years_to_retirement >= d.p3_margin_years ? "≥" : "<"}${numberText(d.p3_margin_years)}年）`;
  if (d.is_exempt) {
    return `${numbers}，本应交流，但持有效暂缓交流（${d.exemption_reason_zh}，${dateText(d.exemption_start)}至${dateText(d.exemption_until)}`
      + `${d.is_cut_to_maximum ? `，已按最长${numberText(d.exemption_max_years)}年截止` : ""}），暂缓交流（ROT-EXEMPT）`;
  }
  return d.is_due ? `${numbers}，应交流轮岗（${d.base_rule_id}）` : `${numbers}，暂不需交流（${d.base_rule_id}）`;
}

export function rotationDue(eligibility: ColumnTable, asOf: number): ColumnTable {
  return eligibility
    .filter(escape((d: Row) => d.evaluation_date === asOf))
    .derive({
      due: escape((d: Row) => d.is_due),
      exempt: escape((d: Row) => d.is_exempt),
      years_in_school_shown: escape((d: Row) => Math.floor(d.years_in_school * 100) / 100),
      rule_id: escape((d: Row) => (d.is_exempt ? "ROT-EXEMPT" : d.base_rule_id)),
      explanation: escape(dueExplanation),
      rotation_rule_id: escape((d: Row) => d.base_rule_id),
    })
    .select("staff_id", "school_id", "due", "exempt", { years_in_school_shown: "years_in_school" }, "age", "gender", "post",
      "rule_id", "explanation", "rotation_rule_id")
    .orderby("school_id", "staff_id");
}

function complianceExplanation(d: Row): string {
  const outcome = d.eligible > 0
    ? `，比例${percentText(d.ratio)}（${d.met ? "≥" : "<"}${percentText(d.target)}），${d.met ? "达标" : "未达标"}`
    : "，无应交流人员";
  return `${d.school_year}学年应交流${d.eligible}人，实际交流${d.rotated}人${outcome}${d.is_complete ? "" : "（学年未结束，截至统计日）"}（ROT-RATIO）`;
}

export function rotationCompliance(eligibility: ColumnTable, years: ColumnTable, staged: ReturnType<typeof stage>, policy: PolicyLookup, asOf: number): ColumnTable {
  const eligible = eligibility
    .join(years, [["evaluation_date"], ["eligibility_date"]])
    .filter((d: Row) => d.is_due === true)
    .derive({ is_leader: (d: Row) => d.post_group === "leader" })
    .select("school_year", "staff_id", "school_id", "is_backbone", "is_leader");
  const rotated = staged.rotations
    .filter((d: Row) => d.is_between_schools === true)
    .select("school_year", "staff_id", { from_school_id: "school_id" })
    .dedupe()
    .derive({ has_rotated: () => 1 });
  const counts = eligible
    .join_left(rotated, on("school_year", "staff_id", "school_id"))
    .derive({ was_rotated: (d: Row) => d.has_rotated === 1 })
    .groupby("school_year", "school_id")
    .rollup({
      eligible: op.count(),
      rotated: (d: Row) => op.sum(d.was_rotated ? 1 : 0),
      backbone_rotated: (d: Row) => op.sum(d.was_rotated && d.is_backbone ? 1 : 0),
      eligible_leaders: (d: Row) => op.sum(d.is_leader ? 1 : 0),
      rotated_leaders: (d: Row) => op.sum(d.was_rotated && d.is_leader ? 1 : 0),
    });
  // rotated_in / rotated_out: people whose between-school rotation starts in the year, seen from both schools
  const between = staged.rotations.filter((d: Row) => d.is_between_schools === true);
  const moves = between
    .select("school_year", "staff_id", { to_school_id: "school_id" })
    .derive({ direction: () => "in" })
    .concat(between.select("school_year", "staff_id", { from_school_id: "school_id" }).derive({ direction: () => "out" }))
    .dedupe()
    .groupby("school_year", "school_id")
    .rollup({
      rotated_in: (d: Row) => op.sum(d.direction === "in" ? 1 : 0),
      rotated_out: (d: Row) => op.sum(d.direction === "out" ? 1 : 0),
    });
  const perSchool = years
    .cross(staged.schools.select("school_id", "tier", "is_urban_or_town"))
    .join_left(counts, on("school_year", "school_id"))
    .join_left(moves, on("school_year", "school_id"))
    .derive({
      rotated_in: escape((d: Row) => d.rotated_in ?? 0),
      rotated_out: escape((d: Row) => d.rotated_out ?? 0),
      eligible: escape((d: Row) => d.eligible ?? 0),
      rotated: escape((d: Row) => d.rotated ?? 0),
      backbone_rotated: escape((d: Row) => d.backbone_rotated ?? 0),
      eligible_leaders: escape((d: Row) => d.eligible_leaders ?? 0),
      rotated_leaders: escape((d: Row) => d.rotated_leaders ?? 0),
      // ROT-RATIO: the tier's target, raised to the 城镇 target for urban and town schools
      target: escape((d: Row) => {
        const tier = isNull(d.tier) ? null : policy.number("ROT-RATIO", `target_${d.tier}`, d.eligibility_date);
        const town = d.is_urban_or_town === true ? policy.number("ROT-RATIO", "target_urban_or_town", d.eligibility_date) : null;
        return tier === null ? town : town === null ? tier : Math.max(tier, town);
      }),
    })
    .select("school_year", "school_id", "eligible", "rotated", "backbone_rotated", "eligible_leaders", "rotated_leaders", "target", "rotated_in", "rotated_out");
  // the county's target is its schools' targets weighted by how many each has eligible
  const county = perSchool
    .derive({ weighted: escape((d: Row) => (isNull(d.target) ? null : d.target * d.eligible)) })
    .groupby("school_year")
    .rollup({
      eligible: op.sum("eligible"), rotated: op.sum("rotated"), backbone_rotated: op.sum("backbone_rotated"),
      eligible_leaders: op.sum("eligible_leaders"), rotated_leaders: op.sum("rotated_leaders"),
      rotated_in: op.sum("rotated_in"), rotated_out: op.sum("rotated_out"),
      weighted: op.sum("weighted"), weighted_count: op.valid("weighted"), target_mean: op.mean("target"),
    })
    .derive({
      school_id: () => "ALL",
      // rounded to 6 decimals as the SQL does, so the order of a floating-point sum cannot show
      target: escape((d: Row) => {
        const target = d.weighted_count > 0 && d.eligible !== 0 ? d.weighted / d.eligible : d.target_mean ?? null;
        return target === null ? null : roundTo(target, 6);
      }),
    })
    .select("school_year", "school_id", "eligible", "rotated", "backbone_rotated", "eligible_leaders", "rotated_leaders", "target", "rotated_in", "rotated_out");
  return perSchool
    .concat(county)
    .derive({
      ratio: escape((d: Row) => divide(d.rotated, d.eligible)),
      met: escape((d: Row) => (d.eligible > 0 ? atLeast(d.rotated / d.eligible, d.target) : null)),
      backbone_share: escape((d: Row) => divide(d.backbone_rotated, d.rotated)),
      backbone_target: escape((d: Row) => policy.number("ROT-BACKBONE", "min_share", dayOf(d.school_year, 8, 31))),
      leader_target: escape((d: Row) => policy.number("ROT-LEAD15", "target", dayOf(d.school_year, 8, 31))),
      // the as-of date's school year is still running: its figures are so far, not final
      is_complete: escape((d: Row) => dayOf(d.school_year + 1, 8, 31) <= asOf),
      rule_id: () => "ROT-RATIO",
    })
    .derive({
      backbone_met: escape((d: Row) => atLeast(d.backbone_share, d.backbone_target)),
      leader_met: escape((d: Row) => atLeast(divide(d.rotated_leaders, d.eligible_leaders), d.leader_target)),
      explanation: escape(complianceExplanation),
    })
    .select("school_id", "school_year", "eligible", "rotated", "ratio", "target", "met", "backbone_rotated", "backbone_share",
      "backbone_target", "eligible_leaders", "rotated_leaders", "leader_target", "is_complete", "rotated_in", "rotated_out", "rule_id", "backbone_met", "leader_met", "explanation");
}

/** Both marts from the raw tables: what the benchmark times. */
export function rotationMarts(raw: RawTables, policy: PolicyLookup, asOf: number): { rotation_due: ColumnTable; rotation_compliance: ColumnTable } {
  const staged = stage(raw, asOf);
  const { eligibility, years } = rotationEligibility(staged, policy, asOf);
  return { rotation_due: rotationDue(eligibility, asOf), rotation_compliance: rotationCompliance(eligibility, years, staged, policy, asOf) };
}
