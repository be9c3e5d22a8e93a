/**
 * Checks a rotation plan (drafted or the bureau's own) against every PLAN rule of digest §7, in
 * the digest's order: one row per school × rule, and one `ALL` row per rule for the county. Pure
 * and deterministic: the rows come out in rule order, `ALL` first, then schools by code, and
 * every list of staff IDs is sorted. Eligibility is never decided here: it is the context's
 * (plan_people: mayMove, postRotationDue, barred …, read through judged.ts's predicates), so the
 * drafter and the checker agree.
 *
 * A post rotation (toSchoolId = fromSchoolId) is a move for PLAN-WHO and PLAN-HEAD-FIRST only;
 * PLAN-RATIO, PLAN-BACKBONE, PLAN-NO-REVERSE, PLAN-QUOTA, PLAN-BAR and PLAN-LEVEL count moves
 * between schools.
 */
import { vocabularies } from "../contract.ts";
import { sameStage, type PlanCheckRow, type PlanContext, type PlanMove, type PlanPerson, type PlanRuleId, type PlanSchool } from "./context.ts";
import { byCode, ceilShare, idList, shareText, sortedIds } from "./check-words.ts";
import { backboneVerdict, noReverseCounty, noReverseVerdict } from "./check-backbone.ts";
import { groupBy, headMayGo, notProposed, placeable, type JudgedMove, type Plan, type Verdict } from "./judged.ts";

export function checkPlan(context: PlanContext, moves: PlanMove[]): PlanCheckRow[] {
  const people = new Map(context.people.map((person) => [person.staffId, person]));
  const schoolsById = new Map(context.schools.map((school) => [school.schoolId, school]));
  const judged = [...moves]
    .sort((a, b) => byCode(a.staffId, b.staffId) || byCode(a.toSchoolId, b.toSchoolId))
    .map((move) => ({
      move,
      person: people.get(move.staffId),
      from: schoolsById.get(move.fromSchoolId),
      to: schoolsById.get(move.toSchoolId),
      between: move.kind === "between_schools",
    }));
  const plan: Plan = {
    context,
    moves: judged,
    schools: [...context.schools].sort((a, b) => byCode(a.schoolId, b.schoolId)),
    proposed: new Set(moves.map((move) => move.staffId)),
  };
  // Moves and office holders grouped by school once: each school's rows would otherwise scan the
  // whole plan and every person (1,333 schools × 44,626 people at 100,000 staff, a second a draft).
  const movesFrom = groupBy(judged, (item) => item.move.fromSchoolId);
  const fromSchool = (school: PlanSchool) => movesFrom.get(school.schoolId) ?? [];
  const between = judged.filter((item) => item.between);
  const sentFrom = groupBy(between, (item) => item.move.fromSchoolId);
  const receivedBy = groupBy(between, (item) => item.move.toSchoolId);
  const officeHolders = groupBy(context.people.filter((person) => person.department !== null), (person) => person.schoolId);
  const holdersAt = (schools: PlanSchool[]) => schools.flatMap((school) => officeHolders.get(school.schoolId) ?? []);
  const rows: PlanCheckRow[] = [];
  const add = (ruleId: PlanRuleId, schoolId: string, verdict: Verdict) =>
    rows.push({ schoolYear: context.schoolYear, schoolId, ruleId, ...verdict, explanation: `${ruleId}：${verdict.explanation}` });
  const bySchool = (ruleId: PlanRuleId, all: Verdict, each: (school: PlanSchool) => Verdict) => {
    add(ruleId, "ALL", all);
    for (const school of plan.schools) add(ruleId, school.schoolId, each(school));
  };

  bySchool("PLAN-WHO", whoVerdict(judged), (school) => whoVerdict(fromSchool(school)));
  bySchool("PLAN-RATIO", leaderRatioVerdict(plan), (school) => ratioVerdict(plan, school, fromSchool(school)));
  add("PLAN-BACKBONE", "ALL", backboneVerdict(plan));
  bySchool("PLAN-NO-REVERSE", noReverseCounty(plan), (school) => noReverseVerdict(fromSchool(school)));
  const quotas = plan.schools.map((school) => quotaVerdict(school, sentFrom.get(school.schoolId) ?? [], receivedBy.get(school.schoolId) ?? []));
  bySchool("PLAN-QUOTA", summary(quotas, plan.schools, "接收人数不符合编制"), (school) => quotas[plan.schools.indexOf(school)]!);
  bySchool("PLAN-BAR", barVerdict(judged), (school) => barVerdict(fromSchool(school)));
  bySchool("PLAN-HEAD-FIRST", headFirstVerdict(plan, holdersAt(plan.schools)), (school) => headFirstVerdict(plan, holdersAt([school])));
  bySchool("PLAN-LEVEL", levelVerdict(judged), (school) => levelVerdict(fromSchool(school)));
  return rows;
}

/** Why a proposed person may not be proposed (null: they may). */
function whyNot(item: JudgedMove, seen: Set<string>): string | null {
  const { move, person } = item;
  if (seen.has(move.staffId)) return "在方案中重复出现";
  seen.add(move.staffId);
  if (!person) return "不是本轮评判的在编教师或干部（不在交流名单中）";
  if (person.schoolId !== move.fromSchoolId) return `现在 ${person.schoolId} 任职，不在 ${move.fromSchoolId}`;
  if (item.between) {
    if (person.mayMove) return null;
    if (person.exempt) return `暂缓交流（${person.ruleId}）`;
    if (person.serving) return `交流到本校的服务期未满，至 ${person.servingUntil ?? "未知日期"}（ROT-SERVE）`;
    if (person.nearCadreExit) return "临近干部退出年龄（ROT-MC-AGE）";
    return `本轮未到交流条件（${person.rotationRuleId}）`;
  }
  if (move.toSchoolId !== move.fromSchoolId) return `校内轮岗却去往 ${move.toSchoolId}`;
  if (person.postRotationDue) return null;
  if (person.nearCadreExit) return "临近干部退出年龄，不轮岗（ROT-MC-AGE）";
  if (person.postGroup !== "middle") return "不是中层干部，校内轮岗只适用于中层干部（ROT-MC6）";
  if (person.exempt) return `暂缓轮岗（${person.ruleId}）`;
  return "任现职未到轮岗年限（ROT-MC6）";
}

function whoVerdict(moves: JudgedMove[]): Verdict {
  const seen = new Set<string>();
  const refused = moves.flatMap((item) => {
    const why = whyNot(item, seen);
    return why === null ? [] : [{ id: item.move.staffId, why }];
  });
  const planned = moves.length;
  if (refused.length === 0) {
    return { holds: true, required: null, planned, explanation: `方案列入 ${planned} 人，均符合本轮交流或轮岗条件`, staffIds: [] };
  }
  const listed = refused.map(({ id, why }) => `${id}：${why}`).join("；");
  return {
    holds: false, required: null, planned,
    explanation: `方案列入 ${planned} 人，其中 ${refused.length} 人不能列入（${listed}）。请从方案中删除或换成符合条件的人员`,
    staffIds: sortedIds(refused.map(({ id }) => id)),
  };
}

const isTeacher = (item: JudgedMove): boolean => item.person !== undefined && item.person.postGroup !== "leader";

/** A school's row; `fromSchool`: the plan's moves from it. */
function ratioVerdict(plan: Plan, school: PlanSchool, fromSchool: JudgedMove[]): Verdict {
  const sent = sortedIds(fromSchool.filter((item) => item.between && isTeacher(item)).map((item) => item.move.staffId));
  const planned = sent.length;
  if (!school.targetApplies) {
    const why = school.targetException === "remote" ? "偏远或海岛学校，本轮不作交流比例要求（ROT-REMOTE）"
      : school.targetException === "phase_in" ? "在分批完成期内，本轮不作交流比例要求（ROT-REMOTE）"
        : "本轮没有交流比例要求";
    return { holds: true, required: 0, planned, explanation: `${why}，方案交流 ${planned} 人`, staffIds: [] };
  }
  const required = school.requiredSends;
  const share = school.targetNumerator !== null && school.targetDenominator !== null ? ` × ${shareText(school.targetNumerator, school.targetDenominator)}` : "";
  const basis = `应至少交流 ${required} 人（符合条件 ${school.eligibleTeachers} 人${share}，向上取整），方案交流 ${planned} 人`;
  if (planned >= required) return { holds: true, required, planned, explanation: `${basis}，符合要求`, staffIds: [] };
  const available = notProposed(plan, (person) => person.schoolId === school.schoolId && person.postGroup !== "leader" && placeable(person));
  return {
    holds: false, required, planned,
    explanation: `${basis}，尚缺 ${required - planned} 人${available.length > 0 ? `。可交流而未列入：${idList(available)}` : "。本校已没有可交流而未列入的教师"}${nowhereToGo(plan, school)}`,
    staffIds: available,
  };
}

/** PLAN-LEVEL leaves a school without a same-stage school to send to (a county's only 职业学校): say so. */
const nowhereToGo = (plan: Plan, school: PlanSchool): string =>
  plan.schools.some((other) => other.schoolId !== school.schoolId && sameStage(school.level, other.level))
    ? "" : `。县内没有与本校同学段的其他学校，按 PLAN-LEVEL 无处可派`;

/** The county's leaders (ROT-LEAD15): ⌈share × eligible leaders⌉ of them go to another school. */
function leaderRatioVerdict(plan: Plan): Verdict {
  const { leaderNumerator, leaderDenominator } = plan.context.shares;
  const eligible = plan.schools.reduce((total, school) => total + school.eligibleLeaders, 0);
  const required = ceilShare(eligible, leaderNumerator, leaderDenominator);
  const planned = new Set(plan.moves.filter((item) => item.between && item.person?.postGroup === "leader").map((item) => item.move.staffId)).size;
  const basis = `全县校级干部应至少交流 ${required} 人（符合条件 ${eligible} 人 × ${shareText(leaderNumerator, leaderDenominator)}，向上取整），方案交流 ${planned} 人`;
  if (planned >= required) return { holds: true, required, planned, explanation: `${basis}，符合要求`, staffIds: [] };
  const available = notProposed(plan, (person) => person.postGroup === "leader" && placeable(person));
  return {
    holds: false, required, planned,
    explanation: `${basis}，尚缺 ${required - planned} 人${available.length > 0 ? `。可交流而未列入：${idList(available)}` : ""}`,
    staffIds: available,
  };
}

/** A school's row, from the plan's moves between schools that leave it and that reach it. */
function quotaVerdict(school: PlanSchool, leaving: JudgedMove[], received: JudgedMove[]): Verdict {
  const sent = leaving.length;
  const planned = received.length;
  const free = school.freePlaces;
  const required = sent + (free ?? 0);
  const basis = free === null
    ? `未核定编制，接收人数应等于交出人数 ${sent} 人，方案接收 ${planned} 人`
    : `最多接收 ${required} 人（交出 ${sent} 人 + 空余编制 ${free} 个），方案接收 ${planned} 人`;
  const holds = free === null ? planned === sent : planned <= required;
  if (holds) return { holds, required, planned, explanation: `${basis}，符合要求`, staffIds: [] };
  const ids = sortedIds(received.map((item) => item.move.staffId));
  const fix = planned > required ? `多出 ${planned - required} 人，接收的是：${idList(ids)}` : `少接收 ${required - planned} 人${ids.length > 0 ? `，已接收：${idList(ids)}` : ""}`;
  return { holds, required, planned, explanation: `${basis}，${fix}`, staffIds: ids };
}

/** The county row of a rule judged school by school: it holds when every school's row does. */
function summary(verdicts: Verdict[], schools: PlanSchool[], what: string): Verdict {
  const failing = schools.filter((_, i) => !verdicts[i]!.holds);
  const planned = verdicts.reduce((total, verdict) => total + (verdict.planned ?? 0), 0);
  if (failing.length === 0) return { holds: true, required: null, planned, explanation: "各校均符合要求", staffIds: [] };
  const staffIds = sortedIds(verdicts.flatMap((verdict) => verdict.staffIds));
  return {
    holds: false, required: null, planned,
    explanation: `${failing.length} 所学校${what}：${failing.map((school) => school.schoolId).join("、")}${staffIds.length > 0 ? `，涉及 ${idList(staffIds)}` : ""}`,
    staffIds,
  };
}

function barVerdict(moves: JudgedMove[]): Verdict {
  const barred = moves.filter((item) => item.between && item.person?.barred);
  const planned = moves.filter((item) => item.between).length;
  if (barred.length === 0) return { holds: true, required: 0, planned: 0, explanation: `交流到其他学校的 ${planned} 人中没有不得接收的人员`, staffIds: [] };
  const listed = barred.map((item) => `${item.move.staffId}${item.person!.failedAppraisalYear !== null ? `（${item.person!.failedAppraisalYear} 年度考核不合格）` : ""}`).join("、");
  return {
    holds: false, required: 0, planned: barred.length,
    explanation: `${listed}不得被其他学校接收（ROT-BAR），应从方案中删除，列为无法安排`,
    staffIds: sortedIds(barred.map((item) => item.move.staffId)),
  };
}

/** ROT-HEAD-FIRST: a deputy is proposed only if their office's head, when also due, is proposed too. `cadres`: the schools' office holders. */
function headFirstVerdict(plan: Plan, cadres: PlanPerson[]): Verdict {
  const deputies = cadres.filter((person) => person.officeRole === "deputy" && plan.proposed.has(person.staffId));
  const problems: string[] = [];
  const ids: string[] = [];
  for (const deputy of deputies.sort((a, b) => byCode(a.staffId, b.staffId))) {
    const heads = cadres.filter((head) =>
      head.schoolId === deputy.schoolId && head.department === deputy.department && head.officeRole === "head" &&
      headMayGo(head) && !plan.proposed.has(head.staffId));
    if (heads.length === 0) continue;
    problems.push(`${deputy.schoolId} ${deputy.department}副职 ${deputy.staffId} 已列入，而同样到期的正职 ${idList(heads.map((head) => head.staffId))} 未列入`);
    ids.push(deputy.staffId, ...heads.map((head) => head.staffId));
  }
  const planned = deputies.length;
  if (problems.length === 0) return { holds: true, required: null, planned, explanation: `方案列入中层副职 ${planned} 人，没有正职到期而未列入的情况`, staffIds: [] };
  return {
    holds: false, required: null, planned,
    explanation: `${problems.join("；")}。正副职同时到期时正职先轮，请列入正职或把副职留到下一轮`,
    staffIds: sortedIds(ids),
  };
}

function levelVerdict(moves: JudgedMove[]): Verdict {
  const between = moves.filter((item) => item.between);
  const wrong = between.flatMap((item): { id: string; why: string }[] => {
    const id = item.move.staffId;
    if (!item.to) return [{ id, why: `交流学校 ${item.move.toSchoolId} 不在学校名单中` }];
    if (!item.from) return [{ id, why: `原学校 ${item.move.fromSchoolId} 不在学校名单中` }];
    if (item.move.toSchoolId === item.move.fromSchoolId) return [{ id, why: "交流学校就是原学校" }];
    if (sameStage(item.from.level, item.to.level)) return [];
    return [{ id, why: `${item.from.schoolId} ${levelName(item.from.level)} → ${item.to.schoolId} ${levelName(item.to.level)}，学段不同` }];
  });
  const planned = between.length;
  if (wrong.length === 0) return { holds: true, required: null, planned, explanation: `交流到其他学校的 ${planned} 人均去往同学段学校`, staffIds: [] };
  return {
    holds: false, required: null, planned,
    explanation: `${wrong.map(({ id, why }) => `${id}（${why}）`).join("；")}。请改派到同学段的其他学校`,
    staffIds: sortedIds(wrong.map(({ id }) => id)),
  };
}

const levelName = (code: string): string => (vocabularies.level as Record<string, readonly string[]>)[code]?.[0] ?? code;
