// Types for the browser module plan-workbook.js.
export interface PlanWorkbookTables {
  rotation_plan: readonly { staff_id: string; from_school_id: string; to_school_id: string; post_group: string; backbone: boolean; rule_id: string; explanation: string; type: string }[];
  plan_checks: readonly { school_id: string; rule_id: string; holds: boolean; required: number | null; planned: number | null; explanation: string | null }[];
  plan_unplaced: readonly { staff_id: string; from_school_id: string; reason_rule_id: string; explanation: string }[];
}
export interface PlanWorkbookInput {
  header: string[];
  rows: (string | number | null)[][];
  sheetName: string;
  moreSheets: { sheetName: string; header: string[]; rows: (string | number | null)[][] }[];
  notes: [string, string][];
}
export function planSheets(
  schoolYear: number,
  schools: ReadonlyMap<string, { name: string; tier: string }>,
  tables: PlanWorkbookTables,
  options?: { names?: ReadonlyMap<string, string>; notes?: [string, string][] },
): PlanWorkbookInput;
