/**
 * What the plan checker's rules share: a plan with each move's person and schools looked up, and
 * the verdict one rule gives for one school or the county (a plan_checks row without its keys).
 */
import type { PlanContext, PlanMove, PlanPerson, PlanSchool } from "./context.ts";
import { sortedIds } from "./check-words.ts";

/** One move with what it refers to looked up (undefined: the plan names something the context lacks). */
export interface JudgedMove {
  move: PlanMove;
  person: PlanPerson | undefined;
  from: PlanSchool | undefined;
  to: PlanSchool | undefined;
  between: boolean;
}

export interface Verdict {
  holds: boolean;
  required: number | null;
  planned: number | null;
  explanation: string;
  staffIds: string[];
}

export interface Plan {
  context: PlanContext;
  moves: JudgedMove[];
  schools: PlanSchool[];
  /** Staff IDs the plan proposes for any move. */
  proposed: Set<string>;
}

/** People the plan does not propose at all, among those matching `where`. */
export const notProposed = (plan: Plan, where: (person: PlanPerson) => boolean): string[] =>
  sortedIds(plan.context.people.filter((person) => where(person) && !plan.proposed.has(person.staffId)).map((person) => person.staffId));


/** May leave and another school may receive them (PLAN-BAR): whom a shortfall can be made up from. */
export const placeable = (person: PlanPerson): boolean => person.mayMove && !person.barred;

/** PLAN-HEAD-FIRST's "when also due": a head the plan may propose for a post rotation or another
 * school. A head nobody may propose (barred, near the exit age) does not hold the deputy back. */
export const headMayGo = (person: PlanPerson): boolean => person.postRotationDue || placeable(person);

/** Items by key, each group in the items' order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
