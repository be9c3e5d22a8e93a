/**
 * 交流方案: the coming round's draft rotation plan (src/plan/, drafted by the site build into the
 * marts: rotation_plan, plan_checks, plan_unplaced). Per school: what it must send, sends, receives
 * and whether it reaches its ratio; the flows between school tiers and districts; the people with
 * the rule and the reasoning; the rules the plan breaks; who could not be placed and why.
 *
 * The public build gets the counts only, suppressed together: the flows from a tier (or district)
 * add up to what its schools send, so a hidden flow must not come back as a school total minus the
 * other flows (planLinks).
 */
import { moveTypeZh, tierZh } from "../plan/tables.ts";
import { COUNTY, suppressLinkedTables, type Audience } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { levelLabel } from "./labels.ts";
import { staffNames, type SchoolInfo } from "./scope.ts";
import type { Link, Suppressed, TableShape } from "./suppression.ts";

/** A school's district when the records give none. */
export const NO_DISTRICT = "未分片";

export type PlanSchoolInfo = SchoolInfo & { district: string; tier: string };

const summaryCounts = ["eligible", "sent", "sent_teachers", "sent_leaders", "backbone_sent", "received", "post_rotations", "unplaced"] as const;
/** One school (or the county, ALL) in the plan: eligible teachers, what it must send, what the plan has it send and receive. */
export type PlanSummaryRow = {
  school_id: string;
  /** The school's tier and district, as the flows name them (null for the county's row). */
  tier: string | null;
  district: string | null;
  /** PLAN-RATIO: ⌈target × eligible teachers⌉ (0 when the target does not apply); the county's is the schools' sum. */
  required: number | null;
  target_exception: string | null;
  /** Teachers sent (leaders not counted) ≥ required; null without a target, and for the county. */
  reached: boolean | null;
  /** Backbone teachers among the teachers sent. */
  backbone_share: number | null;
} & Record<(typeof summaryCounts)[number], number | null>;
/** Moves between schools from one tier (or district) to another. */
export type FlowRow = { from: string; to: string; count: number | null };
export type ReasonCountRow = { reason_rule_id: string; count: number | null };
/** A plan_checks row as the page shows it; the public build has no explanation (it names staff IDs). */
export type PlanCheckRow = { school_id: string; rule_id: string; holds: boolean; required: number | null; planned: number | null; explanation: string | null };
export type PlanPersonRow = {
  staff_id: string;
  name: string | null;
  from_school_id: string;
  to_school_id: string;
  type: string;
  post_group: string;
  backbone: boolean;
  rule_id: string;
  explanation: string;
};
export type PlanUnplacedRow = { staff_id: string; name: string | null; school_id: string; reason_rule_id: string; explanation: string };

/** 交流方案's page data: what src/site/plan.ts writes and reports/plan.md reads. */
export interface PlanData {
  schoolYear: number | null;
  /** What the flows count: the county's moves, or (school build) the school's own. */
  flowScope: "county" | "school";
  /** The schools the page names: those the audience sees, and (school build) the ones its people come from or go to. */
  schools: Columns<PlanSchoolInfo>;
  summary: Columns<Suppressed<PlanSummaryRow>>;
  tierFlows: Suppressed<FlowRow>[];
  districtFlows: Suppressed<FlowRow>[];
  unplacedByReason: Suppressed<ReasonCountRow>[];
  /** The county's rule checks (school_id ALL). */
  countyChecks: PlanCheckRow[];
  /** Each school's rule checks that do not hold (a school build: its own); none for the public. */
  checks: Columns<PlanCheckRow> | null;
  people: Columns<PlanPersonRow> | null;
  unplaced: Columns<PlanUnplacedRow> | null;
}

const perSchool = { column: "school_id", total: COUNTY } as const;
/** The page's counts as published tables: the county's row is the schools' sum, and a school sends teachers and leaders. */
export const planShapes = {
  planSchools: {
    keys: [perSchool],
    counts: summaryCounts,
    sums: [{ total: "sent", parts: ["sent_teachers", "sent_leaders"] }],
    // required is ⌈target × eligible⌉; reached and the backbone share are read off the teachers sent
    derived: { required: ["eligible"], reached: ["eligible", "sent_teachers"], backbone_share: ["backbone_sent", "sent_teachers"] },
  },
  tierFlows: { keys: [{ column: "from" }, { column: "to" }], counts: ["count"] },
  districtFlows: { keys: [{ column: "from" }, { column: "to" }], counts: ["count"] },
  unplacedByReason: { keys: [{ column: "reason_rule_id" }], counts: ["count"] },
} satisfies Record<string, TableShape>;

const ofSchool = (column: "tier" | "district") => (row: Record<string, unknown>) => (row.school_id === COUNTY ? null : String(row[column]));
const county = (row: Record<string, unknown>) => (row.school_id === COUNTY ? "county" : null);
/**
 * The sums the tables share: the flows out of a tier are what its schools send, the flows into it
 * what they receive (the same for districts); the county sends what it receives; the people not
 * placed, by reason, are the county's not placed.
 */
export const planLinks: Link[] = [
  ...(["tier", "district"] as const).flatMap((by): Link[] => [
    { sides: [{ table: `${by}Flows`, count: "count", key: (row) => String(row.from) }, { table: "planSchools", count: "sent", key: ofSchool(by) }] },
    { sides: [{ table: `${by}Flows`, count: "count", key: (row) => String(row.to) }, { table: "planSchools", count: "received", key: ofSchool(by) }] },
  ]),
  { sides: [{ table: "planSchools", count: "sent", key: county }, { table: "planSchools", count: "received", key: county }] },
  { sides: [{ table: "unplacedByReason", count: "count", key: () => "county" }, { table: "planSchools", count: "unplaced", key: county }] },
];

type PlanRow = Omit<PlanPersonRow, "name"> & { school_year: number };
type SchoolRow = { school_id: string; school_name: string; level: string; district: string | null; tier: "strong" | "general" | "weak"; eligible_teachers: number; required_sends: number; target_applies: boolean; target_exception: string | null };

export async function planData(context: PageContext): Promise<PlanData> {
  const { audience } = context;
  const planSchools = await context.rows<SchoolRow>(
    `select school_id, school_name, level, district, tier, eligible_teachers::integer as eligible_teachers,
            required_sends::integer as required_sends, target_applies, target_exception
     from plan_schools order by school_id`,
  );
  const moves = await context.rows<PlanRow>(
    `select school_year::integer as school_year, staff_id, from_school_id, to_school_id, type, post_group, backbone, rule_id, explanation
     from rotation_plan order by from_school_id, type, to_school_id, staff_id`,
  );
  const checks = await context.rows<PlanCheckRow & { school_year: number }>(
    `select school_year::integer as school_year, school_id, rule_id, holds, required::integer as required, planned::integer as planned, explanation
     from plan_checks order by school_id = 'ALL' desc, school_id, rule_id`,
  );
  const unplaced = await context.rows<{ staff_id: string; from_school_id: string; reason_rule_id: string; explanation: string }>(
    `select staff_id, from_school_id, reason_rule_id, explanation from plan_unplaced order by from_school_id, reason_rule_id, staff_id`,
  );
  const [year] = await context.rows<{ school_year: number | null }>(`select max(school_year)::integer as school_year from plan_schools`);

  const info = new Map(planSchools.map((school) => [school.school_id, {
    school_id: school.school_id, school_name: school.school_name, level: levelLabel(school.level),
    district: school.district ?? NO_DISTRICT, tier: tierZh[school.tier],
  }]));
  const own = audience.kind === "school" ? audience.schoolId : null;
  const between = moves.filter((move) => move.type === moveTypeZh.between_schools);
  const summaryRows = summarise(planSchools, info, between, moves, unplaced).filter((row) => own === null || row.school_id === COUNTY || row.school_id === own);
  // A school build's flows are its own people's moves; the county's would show other schools' through a tier with one school.
  const flowMoves = own === null ? between : between.filter((move) => move.from_school_id === own || move.to_school_id === own);
  const flows = (of: (id: string) => string) => {
    const counts = new Map<string, FlowRow & { count: number }>();
    for (const move of flowMoves) {
      const row = { from: of(move.from_school_id), to: of(move.to_school_id), count: 0 };
      const key = `${row.from}→${row.to}`;
      (counts.get(key) ?? counts.set(key, row).get(key)!).count++;
    }
    return [...counts.values()].sort((a, b) => a.from.localeCompare(b.from, "zh") || a.to.localeCompare(b.to, "zh"));
  };
  const reasons = new Map<string, number>();
  for (const row of unplaced.filter((row) => own === null || row.from_school_id === own)) reasons.set(row.reason_rule_id, (reasons.get(row.reason_rule_id) ?? 0) + 1);
  const tables = {
    planSchools: { rows: summaryRows, shape: planShapes.planSchools },
    tierFlows: { rows: flows((id) => info.get(id)?.tier ?? ""), shape: planShapes.tierFlows },
    districtFlows: { rows: flows((id) => info.get(id)?.district ?? NO_DISTRICT), shape: planShapes.districtFlows },
    unplacedByReason: { rows: [...reasons].map(([reason_rule_id, count]) => ({ reason_rule_id, count })).sort((a, b) => a.reason_rule_id.localeCompare(b.reason_rule_id)), shape: planShapes.unplacedByReason },
  };
  const published = suppressLinkedTables(audience, tables, planLinks);

  const people = await planPeople(context, own, moves, unplaced);
  const seen = new Set([...(own === null ? info.keys() : [own]), ...people.ids]);
  const redact = await redactor(context, audience, people.staffIds);
  return {
    schoolYear: year?.school_year ?? null,
    flowScope: own === null ? "county" : "school",
    schools: toColumns([...info.values()].filter((school) => seen.has(school.school_id))),
    summary: toColumns(published.planSchools),
    tierFlows: published.tierFlows,
    districtFlows: published.districtFlows,
    unplacedByReason: published.unplacedByReason,
    countyChecks: checks
      .filter((row) => row.school_id === COUNTY)
      .map(({ school_year: _year, ...row }) => (audience.kind === "public" ? { ...row, required: null, planned: null, explanation: null } : { ...row, explanation: redact(row.explanation) })),
    checks:
      audience.kind === "public"
        ? null
        : toColumns(checks.filter((row) => row.school_id !== COUNTY && !row.holds && (own === null || row.school_id === own)).map(({ school_year: _year, ...row }) => ({ ...row, explanation: redact(row.explanation) }))),
    people: people.moves && toColumns(people.moves),
    unplaced: people.unplaced && toColumns(people.unplaced),
  };
}

/** Per school and for the county: eligible, required, sent (teachers, leaders, backbone), received, post rotations, not placed. */
function summarise(
  schools: readonly SchoolRow[],
  info: ReadonlyMap<string, PlanSchoolInfo>,
  between: readonly PlanRow[],
  moves: readonly PlanRow[],
  unplaced: readonly { from_school_id: string }[],
): PlanSummaryRow[] {
  const zero = () => Object.fromEntries(summaryCounts.map((count) => [count, 0])) as Record<(typeof summaryCounts)[number], number>;
  const counts = new Map(schools.map((school) => [school.school_id, { ...zero(), eligible: school.eligible_teachers }]));
  const add = (schoolId: string, count: (typeof summaryCounts)[number]) => {
    const entry = counts.get(schoolId);
    if (entry) entry[count]++;
  };
  for (const move of between) {
    add(move.from_school_id, "sent");
    add(move.from_school_id, move.post_group === "leader" ? "sent_leaders" : "sent_teachers");
    if (move.backbone && move.post_group !== "leader") add(move.from_school_id, "backbone_sent");
    add(move.to_school_id, "received");
  }
  for (const move of moves) if (move.type === moveTypeZh.post_rotation) add(move.from_school_id, "post_rotations");
  for (const row of unplaced) add(row.from_school_id, "unplaced");
  const rows: PlanSummaryRow[] = schools.map((school) => {
    const count = counts.get(school.school_id)!;
    return {
      school_id: school.school_id,
      tier: info.get(school.school_id)!.tier,
      district: info.get(school.school_id)!.district,
      ...count,
      required: school.required_sends,
      target_exception: school.target_applies ? null : (school.target_exception ?? "none"),
      reached: school.target_applies ? count.sent_teachers >= school.required_sends : null,
      backbone_share: count.sent_teachers > 0 ? count.backbone_sent / count.sent_teachers : null,
    };
  });
  const total = zero();
  for (const row of rows) for (const count of summaryCounts) total[count] += row[count] ?? 0;
  const required = rows.reduce((sum, row) => sum + (row.required ?? 0), 0);
  return [
    { school_id: COUNTY, tier: null, district: null, ...total, required, target_exception: null, reached: null, backbone_share: total.sent_teachers > 0 ? total.backbone_sent / total.sent_teachers : null },
    ...rows,
  ];
}

/** The people the audience may see: every move and every person not placed (bureau), a school's own going and coming (school), none (public). */
async function planPeople(
  context: PageContext,
  own: string | null,
  moves: readonly PlanRow[],
  unplaced: readonly { staff_id: string; from_school_id: string; reason_rule_id: string; explanation: string }[],
) {
  if (context.audience.kind === "public") return { moves: null, unplaced: null, ids: [] as string[], staffIds: new Set<string>() };
  const mine = moves.filter((move) => own === null || move.from_school_id === own || move.to_school_id === own);
  const mineUnplaced = unplaced.filter((row) => own === null || row.from_school_id === own);
  const nameOf = await staffNames(context);
  return {
    moves: mine.map(({ school_year: _year, ...move }) => ({ ...move, name: nameOf(move.staff_id) })),
    unplaced: mineUnplaced.map(({ from_school_id, ...row }) => ({ ...row, school_id: from_school_id, name: nameOf(row.staff_id) })),
    ids: mine.flatMap((move) => [move.from_school_id, move.to_school_id]),
    staffIds: new Set([...mine.map((move) => move.staff_id), ...mineUnplaced.map((row) => row.staff_id)]),
  };
}

/**
 * A check's explanation names the staff IDs involved. A school build sees its own people's (and
 * those the plan sends it) and no one else's: other staff IDs are replaced with 他校人员.
 */
async function redactor(context: PageContext, audience: Audience, visible: ReadonlySet<string>): Promise<(text: string | null) => string | null> {
  if (audience.kind !== "school") return (text) => text;
  const ids = new Set((await context.rows<{ staff_id: string }>(`select staff_id from plan_people union select staff_id from staff_names`)).map((row) => String(row.staff_id)));
  // the school's own people (a check may list those it could have sent), and those the plan sends it
  const own = await context.rows<{ staff_id: string }>(`select staff_id from plan_people where school_id = $school`, { school: audience.schoolId });
  const allowed = new Set([...visible, ...own.map((row) => String(row.staff_id))]);
  return (text) => text && text.replace(/[0-9A-Za-z_-]+/g, (token) => (ids.has(token) && !allowed.has(token) ? "他校人员" : token));
}
