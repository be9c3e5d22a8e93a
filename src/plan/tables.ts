/**
 * The plan as the contract's tables (rotation_plan, plan_checks, plan_unplaced): every row says in
 * Chinese why the person is due and why they go where they go, or why they could not be placed.
 */
import type { PlanCheckRow, PlanContext, PlanMove, PlanPerson, PlanSchool } from "./context.ts";
import type { Unplaced } from "./draft.ts";

export interface RotationPlanRow {
  school_year: number;
  staff_id: string;
  from_school_id: string;
  to_school_id: string;
  post_group: string;
  backbone: boolean;
  rule_id: string;
  explanation: string;
  /** Beyond the contract: 校际交流 or 校内轮岗, as a clerk's own plan says it. */
  type: string;
}

export interface PlanCheckTableRow {
  school_year: number;
  school_id: string;
  rule_id: string;
  holds: boolean;
  required: number | null;
  planned: number | null;
  explanation: string;
}

export interface PlanUnplacedRow {
  school_year: number;
  staff_id: string;
  from_school_id: string;
  reason_rule_id: string;
  explanation: string;
}

export const tierZh: Record<PlanSchool["tier"], string> = { strong: "优质", general: "一般", weak: "薄弱" };
export const moveTypeZh: Record<PlanMove["kind"], string> = { between_schools: "校际交流", post_rotation: "校内轮岗" };

const schoolText = (school: PlanSchool | undefined, id: string): string =>
  school ? `${school.name}（${tierZh[school.tier]}学校${school.district ? `，${school.district}` : ""}）` : id;

/** Why this destination, in the digest's preference order (§7). */
function destinationReason(person: PlanPerson, from: PlanSchool | undefined, to: PlanSchool | undefined): string {
  if (!from || !to) return "";
  if (person.postGroup === "leader") return "校级干部在全县范围内交流";
  if (person.backbone) {
    return to.tier === "weak" ? "骨干教师优先派往薄弱学校" : "骨干教师在全县范围内交流（薄弱学校已无同学段可接收岗位）";
  }
  return from.district === to.district ? "普通教师在本片区内交流" : "本片区内无同学段可接收岗位，跨片区交流";
}

export function planRows(context: PlanContext, moves: readonly PlanMove[]): RotationPlanRow[] {
  const people = new Map(context.people.map((person) => [person.staffId, person]));
  const schools = new Map(context.schools.map((school) => [school.schoolId, school]));
  return moves.map((move) => {
    const person = people.get(move.staffId);
    const from = schools.get(move.fromSchoolId);
    const to = schools.get(move.toSchoolId);
    const postRotation = move.kind === "post_rotation";
    const reason = person && !postRotation ? destinationReason(person, from, to) : "";
    return {
      school_year: context.schoolYear,
      staff_id: move.staffId,
      from_school_id: move.fromSchoolId,
      to_school_id: move.toSchoolId,
      post_group: person?.postGroup ?? "",
      backbone: person?.backbone ?? false,
      rule_id: postRotation ? "ROT-MC6" : (person?.rotationRuleId ?? ""),
      explanation: postRotation
        ? `${person?.postExplanation ?? ""}；本轮在${schoolText(from, move.fromSchoolId)}校内轮岗`
        : `${person?.explanation ?? ""}；拟从${schoolText(from, move.fromSchoolId)}交流至${schoolText(to, move.toSchoolId)}${reason ? `，${reason}` : ""}`,
      type: moveTypeZh[move.kind],
    };
  });
}

export function unplacedRows(context: PlanContext, unplaced: readonly Unplaced[]): PlanUnplacedRow[] {
  const people = new Map(context.people.map((person) => [person.staffId, person]));
  const schools = new Map(context.schools.map((school) => [school.schoolId, school]));
  return unplaced.map((entry) => {
    const person = people.get(entry.staffId);
    const from = schools.get(entry.fromSchoolId);
    const because = (() => {
      switch (entry.reasonRuleId) {
        case "PLAN-BAR":
          return `符合交流条件，但${person?.failedAppraisalYear ? `${person.failedAppraisalYear}年度考核不合格，` : ""}近${context.shares.barYears}年内不得交流进入其他学校（ROT-BAR），列为不宜安排人员`;
        case "PLAN-HEAD-FIRST":
          return `本处室（${person?.department ?? ""}）正职（${entry.headStaffId}）同时符合轮岗条件，先轮岗正职，副职待条件成熟时再轮岗（002 篇十二）`;
        case "PLAN-LEVEL":
          return `全县没有可接收${from?.level ?? ""}学段教师的其他学校，本校应交流人数无法达到，本人本轮未能安排`;
        case "PLAN-QUOTA":
          return "同学段学校编制已满、无空余岗位接收，本校应交流人数无法达到，本人本轮未能安排";
      }
    })();
    return {
      school_year: context.schoolYear,
      staff_id: entry.staffId,
      from_school_id: entry.fromSchoolId,
      reason_rule_id: entry.reasonRuleId,
      explanation: `${person?.explanation ?? ""}；${because}（${entry.reasonRuleId}）`,
    };
  });
}

export function checkRows(checks: readonly PlanCheckRow[]): PlanCheckTableRow[] {
  return checks.map((check) => ({
    school_year: check.schoolYear,
    school_id: check.schoolId,
    rule_id: check.ruleId,
    holds: check.holds,
    required: check.required,
    planned: check.planned,
    explanation: check.explanation,
  }));
}
