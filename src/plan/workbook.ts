/**
 * The plan's workbook for the CLI: the layout is reports/components/plan-workbook.js, which the
 * 交流方案 page's download runs too, so the two files a bureau gets are laid out alike. This wraps
 * it with the school lookup the plan's context gives.
 */
import { planSheets as layOut, type PlanWorkbookInput } from "../../reports/components/plan-workbook.js";
import type { PlanContext } from "./context.ts";
import type { PlanTables } from "./index.ts";
import { tierZh } from "./tables.ts";

export type { PlanWorkbookInput };

export function planSheets(
  context: PlanContext,
  tables: PlanTables,
  options: { names?: ReadonlyMap<string, string>; notes?: [string, string][] } = {},
): PlanWorkbookInput {
  const schools = new Map(context.schools.map((school) => [school.schoolId, { name: school.name, tier: tierZh[school.tier] }]));
  return layOut(context.schoolYear, schools, tables, options);
}
