/**
 * A rotation plan given as rows (the contract's rotation_plan, plan_checks, plan_unplaced), loaded
 * beside the marts of a test county as the site build's snapshot holds them: the 交流方案 page's
 * data is tested on a plan whose every row the test chose, not on what the drafter makes of it.
 */
import { loadRows } from "../../../src/plan/index.ts";
import type { PlanCheckTableRow, PlanUnplacedRow, RotationPlanRow } from "../../../src/plan/tables.ts";
import type { Database } from "../../../src/warehouse/duckdb.ts";

export interface GivenPlan {
  moves: Omit<RotationPlanRow, "school_year" | "post_group" | "backbone" | "rule_id" | "explanation" | "type">[] & Partial<RotationPlanRow>[];
  checks?: Omit<PlanCheckTableRow, "school_year">[];
  unplaced?: Omit<PlanUnplacedRow, "school_year">[];
}

export async function addGivenPlan(db: Database, plan: GivenPlan, schoolYear = 2027): Promise<void> {
  await loadRows(db, "rotation_plan", plan.moves.map((move) => ({
    school_year: schoolYear, post_group: "teacher", backbone: false, rule_id: "ROT-T9",
    type: move.from_school_id === move.to_school_id ? "校内轮岗" : "校际交流",
    explanation: `${move.staff_id} 应交流（given）`, ...move,
  })));
  await loadRows(db, "plan_checks", (plan.checks ?? []).map((check) => ({ school_year: schoolYear, ...check })));
  await loadRows(db, "plan_unplaced", (plan.unplaced ?? []).map((row) => ({ school_year: schoolYear, ...row })));
}
