/**
 * What a rotation plan is judged against: the coming round's people and schools, as the models
 * decided them (marts plan_people and plan_schools). The drafter (draft.ts) and the checker
 * (check.ts) both read this and nothing else, so eligibility has one definition: the SQL's.
 */
import { queryJson, type Database } from "../warehouse/duckdb.ts";

export type PostGroup = "leader" | "middle" | "teacher";
export type Tier = "strong" | "general" | "weak";

export interface PlanPerson {
  staffId: string;
  schoolId: string;
  postGroup: PostGroup;
  post: string;
  /** The office (处室) of a middle cadre, and whether they head it or deputise (PLAN-HEAD-FIRST). */
  department: string | null;
  officeRole: "head" | "deputy" | null;
  backbone: boolean;
  subject: string | null;
  yearsInSchool: number;
  age: number;
  /** ROT-T9 (teachers, middle cadres) or ROT-P3 (leaders): the rule that judged them. */
  rotationRuleId: "ROT-T9" | "ROT-P3";
  /** Due for the round by that rule and not held back (rule_id then names the hold when exempt). */
  due: boolean;
  exempt: boolean;
  ruleId: string;
  /** ROT-BAR: no school may receive them. */
  barred: boolean;
  failedAppraisalYear: number | null;
  /** ROT-SERVE: still owes service at the school a rotation brought them to. */
  serving: boolean;
  servingUntil: string | null;
  /** PLAN-WHO: due, not exempt, not serving, not near the cadre exit age: the plan may propose them for another school. */
  mayMove: boolean;
  /** ROT-MC6 (and not ROT-MC-AGE): the plan may propose a post rotation inside the school. */
  postRotationDue: boolean;
  /** ROT-MC-AGE: close to the cadre exit age, not rotated. */
  nearCadreExit: boolean;
  /** Why they are (or are not) due, in Chinese, as rotation_due says it. */
  explanation: string;
  /** The post rotation's reasoning (cadre_tenure), for middle cadres and leaders. */
  postExplanation: string | null;
}

export interface PlanSchool {
  schoolId: string;
  name: string;
  district: string | null;
  level: string;
  tier: Tier;
  strong: boolean;
  staffQuota: number | null;
  headcount: number;
  /** staff_quota − headcount, never below 0; null without a quota (PLAN-QUOTA: receive = send). */
  freePlaces: number | null;
  eligibleTeachers: number;
  eligibleLeaders: number;
  targetNumerator: number | null;
  targetDenominator: number | null;
  targetApplies: boolean;
  targetException: "remote" | "phase_in" | null;
  /** PLAN-RATIO: ⌈target × eligible teachers⌉, 0 when the target does not apply. */
  requiredSends: number;
}

/** The county-wide numbers PLAN-RATIO (leaders) and PLAN-BACKBONE use, from the policy as in force. */
export interface PlanShares {
  leaderNumerator: number;
  leaderDenominator: number;
  backboneNumerator: number;
  backboneDenominator: number;
  /** ROT-BAR's years, for the sentence that says why a barred person is not placed. */
  barYears: number;
}

export interface PlanContext {
  schoolYear: number;
  people: PlanPerson[];
  schools: PlanSchool[];
  shares: PlanShares;
}

/** Reads the plan's context from a database holding the marts (buildMarts, or a site snapshot). */
export async function loadPlanContext(db: Database): Promise<PlanContext> {
  const people = await queryJson(db.connection, "select * from plan_people order by school_id, staff_id");
  const schools = await queryJson(db.connection, "select * from plan_schools order by school_id");
  const [shares] = await queryJson(
    db.connection,
    `select
      policy_numerator('ROT-LEAD15', 'target', make_date(y, 8, 31)) as leader_numerator,
      policy_denominator('ROT-LEAD15', 'target', make_date(y, 8, 31)) as leader_denominator,
      policy_numerator('ROT-BACKBONE', 'min_share', make_date(y, 8, 31)) as backbone_numerator,
      policy_denominator('ROT-BACKBONE', 'min_share', make_date(y, 8, 31)) as backbone_denominator,
      policy_number('ROT-BAR', 'years', make_date(y, 8, 31)) as bar_years,
      y as school_year
    from (select round_year_of(as_of) + 1 as y from run_params)`,
  );
  if (!shares) throw new Error("plan: the models hold no run parameters");
  return {
    schoolYear: Number(shares.school_year),
    shares: {
      leaderNumerator: Number(shares.leader_numerator),
      leaderDenominator: Number(shares.leader_denominator),
      backboneNumerator: Number(shares.backbone_numerator),
      backboneDenominator: Number(shares.backbone_denominator),
      barYears: Number(shares.bar_years),
    },
    people: people.map((row) => ({
      staffId: String(row.staff_id),
      schoolId: String(row.school_id),
      postGroup: row.post_group as PostGroup,
      post: String(row.post),
      department: (row.department as string | null) ?? null,
      officeRole: (row.office_role as "head" | "deputy" | null) ?? null,
      backbone: Boolean(row.backbone),
      subject: (row.subject as string | null) ?? null,
      yearsInSchool: Number(row.years_in_school),
      age: Number(row.age),
      rotationRuleId: row.rotation_rule_id as "ROT-T9" | "ROT-P3",
      due: Boolean(row.due),
      exempt: Boolean(row.exempt),
      ruleId: String(row.rule_id),
      barred: Boolean(row.barred),
      failedAppraisalYear: row.failed_appraisal_year == null ? null : Number(row.failed_appraisal_year),
      serving: Boolean(row.serving),
      servingUntil: (row.serving_until as string | null) ?? null,
      mayMove: Boolean(row.may_move),
      postRotationDue: Boolean(row.post_rotation_due),
      nearCadreExit: Boolean(row.near_cadre_exit),
      explanation: String(row.explanation),
      postExplanation: (row.post_explanation as string | null) ?? null,
    })),
    schools: schools.map((row) => ({
      schoolId: String(row.school_id),
      name: String(row.school_name ?? row.school_id),
      district: (row.district as string | null) ?? null,
      level: String(row.level),
      tier: row.tier as Tier,
      strong: Boolean(row.is_strong),
      staffQuota: row.staff_quota == null ? null : Number(row.staff_quota),
      headcount: Number(row.headcount),
      freePlaces: row.free_places == null ? null : Number(row.free_places),
      eligibleTeachers: Number(row.eligible_teachers),
      eligibleLeaders: Number(row.eligible_leaders),
      targetNumerator: row.target_numerator == null ? null : Number(row.target_numerator),
      targetDenominator: row.target_denominator == null ? null : Number(row.target_denominator),
      targetApplies: Boolean(row.target_applies),
      targetException: (row.target_exception as "remote" | "phase_in" | null) ?? null,
      requiredSends: Number(row.required_sends),
    })),
  };
}

/**
 * PLAN-LEVEL (chosen, digest §7): the stages a school of each level may receive teachers from.
 * 小学 ↔ 小学 / 九年一贯制; 初中 ↔ 初中 / 九年一贯制 / 完全中学; 高中 ↔ 高中 / 完全中学; others their own kind.
 */
const stagesOf: Record<string, readonly string[]> = {
  primary: ["primary"],
  junior: ["junior"],
  senior: ["senior"],
  nine_year: ["primary", "junior"],
  complete: ["junior", "senior"],
};

export function sameStage(fromLevel: string, toLevel: string): boolean {
  const from = stagesOf[fromLevel];
  const to = stagesOf[toLevel];
  if (!from || !to) return fromLevel === toLevel;
  return from.some((stage) => to.includes(stage));
}

/** One proposed move: to another school, or (ROT-MC6) a post rotation inside the school. */
export interface PlanMove {
  staffId: string;
  fromSchoolId: string;
  toSchoolId: string;
  kind: "between_schools" | "post_rotation";
}

export type PlanRuleId =
  | "PLAN-WHO"
  | "PLAN-RATIO"
  | "PLAN-BACKBONE"
  | "PLAN-NO-REVERSE"
  | "PLAN-QUOTA"
  | "PLAN-BAR"
  | "PLAN-HEAD-FIRST"
  | "PLAN-LEVEL";

/** The contract's plan_checks: one row per school (or ALL) × PLAN rule. */
export interface PlanCheckRow {
  schoolYear: number;
  schoolId: string /* or "ALL" */;
  ruleId: PlanRuleId;
  holds: boolean;
  required: number | null;
  planned: number | null;
  /** Chinese, a sentence a clerk can act on; names the staff IDs involved when it does not hold. */
  explanation: string;
  /** The staff IDs involved when it does not hold (also written into the explanation). */
  staffIds: string[];
}
