/**
 * The plan rules about backbone teachers (骨干教师): PLAN-BACKBONE (a share of the teachers sent,
 * county-wide) and PLAN-NO-REVERSE (none from a general or weak school to a strong one; strong →
 * other strictly more than the reverse, as reverse_flow judges ROT-NO-REVERSE).
 */
import { notProposed, placeable, type JudgedMove, type Plan, type Verdict } from "./judged.ts";
import { ceilShare, idList, shareText, sortedIds } from "./check-words.ts";

/** Backbone teachers are ≥ the policy's share of the (non-leader) teachers sent; cross-multiplied, never a decimal. */
export function backboneVerdict(plan: Plan): Verdict {
  const { backboneNumerator: numerator, backboneDenominator: denominator } = plan.context.shares;
  const sent = distinct(plan.moves.filter((item) => item.between && item.person !== undefined && item.person.postGroup !== "leader"));
  const backbone = sent.filter((item) => item.person!.backbone);
  const required = ceilShare(sent.length, numerator, denominator);
  const planned = backbone.length;
  const basis = `交流到其他学校的教师 ${sent.length} 人中骨干教师应至少 ${required} 人（× ${shareText(numerator, denominator)}，向上取整），方案 ${planned} 人`;
  if (planned * denominator >= numerator * sent.length) return { holds: true, required, planned, explanation: `${basis}，符合要求`, staffIds: [] };
  const eligible = plan.context.people.filter((person) => person.postGroup !== "leader" && person.backbone && placeable(person));
  const available = notProposed(plan, (person) => eligible.includes(person));
  const short = `，尚缺 ${required - planned} 人`;
  if (eligible.length < required) {
    return {
      holds: false, required, planned,
      explanation: `${basis}${short}。档案中本轮可交流的骨干教师只有 ${eligible.length} 人${available.length > 0 ? `（未列入：${idList(available)}）` : ""}，不足 ${required} 人：请少派非骨干教师，或核实骨干教师档案`,
      staffIds: available,
    };
  }
  return { holds: false, required, planned, explanation: `${basis}${short}。可列入的骨干教师：${idList(available)}`, staffIds: available };
}

const isReverse = (item: JudgedMove): boolean =>
  item.between && item.person?.backbone === true && item.from !== undefined && !item.from.strong && item.to?.strong === true;
const isForward = (item: JudgedMove): boolean =>
  item.between && item.person?.backbone === true && item.from?.strong === true && item.to !== undefined && !item.to.strong;

/** A school's row: no backbone teacher it sends goes to a strong school unless it is strong itself. */
export function noReverseVerdict(moves: JudgedMove[]): Verdict {
  const reverse = distinct(moves.filter(isReverse));
  if (reverse.length === 0) return { holds: true, required: 0, planned: 0, explanation: "没有骨干教师从一般或薄弱学校交流到优质学校", staffIds: [] };
  return {
    holds: false, required: 0, planned: reverse.length,
    explanation: `${reverseList(reverse)}是从一般或薄弱学校交流到优质学校的骨干教师（逆交流），请改派到一般或薄弱学校`,
    staffIds: sortedIds(reverse.map((item) => item.move.staffId)),
  };
}

/** The county: no reverse move, and strong → other backbone moves strictly more than the reverse. */
export function noReverseCounty(plan: Plan): Verdict {
  const hasStrong = plan.schools.some((school) => school.strong);
  if (!hasStrong || plan.schools.every((school) => school.strong)) {
    return { holds: true, required: null, planned: null, explanation: "县内没有优质学校与其他学校之分，本条不适用", staffIds: [] };
  }
  const forward = distinct(plan.moves.filter(isForward));
  const reverse = distinct(plan.moves.filter(isReverse));
  const required = reverse.length + 1;
  const planned = forward.length;
  const basis = `骨干教师从优质学校交流到一般或薄弱学校 ${planned} 人，反向 ${reverse.length} 人`;
  if (planned > reverse.length && reverse.length === 0) return { holds: true, required, planned, explanation: `${basis}，前者多于后者，符合要求`, staffIds: [] };
  const parts: string[] = [];
  if (reverse.length > 0) parts.push(`逆交流的是 ${reverseList(reverse)}`);
  const available = notProposed(plan, (person) => person.backbone && placeable(person) && plan.schools.some((school) => school.strong && school.schoolId === person.schoolId));
  if (planned <= reverse.length) {
    parts.push(`前者应多于后者${available.length > 0 ? `，优质学校可交流而未列入的骨干教师：${idList(available)}` : "，而优质学校已没有可交流而未列入的骨干教师"}`);
  }
  return {
    holds: false, required, planned,
    explanation: `${basis}：${parts.join("；")}`,
    staffIds: sortedIds([...reverse.map((item) => item.move.staffId), ...(planned <= reverse.length ? available : [])]),
  };
}

const reverseList = (items: JudgedMove[]): string => items.map((item) => `${item.move.staffId}（${item.from!.schoolId} → ${item.to!.schoolId}）`).join("、");

/** One move per person: a person listed twice is PLAN-WHO's problem, not counted twice here. */
function distinct(items: JudgedMove[]): JudgedMove[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.move.staffId) && seen.add(item.move.staffId) !== undefined);
}
