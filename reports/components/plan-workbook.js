// The rotation plan's workbook, laid out as a personnel office files it: the moves school by
// school with the rule each rests on, the rule checks, the people not placed, and a 说明 sheet.
// One layout for the CLI's workbook (src/plan/workbook.ts builds the school lookup from the plan's
// context) and the 交流方案 page's download (the page data's schools): plain JS, so the page's
// bundle and Node both run it.

const postGroupZh = { teacher: "教师", middle: "中层干部", leader: "校级干部" };

/**
 * schoolYear: the plan's school year. schools: Map school_id → {name, tier} with tier in Chinese
 * (优质 / 一般 / 薄弱). tables: {rotation_plan, plan_checks, plan_unplaced} rows as the contract
 * has them. names: Map staff_id → name, or undefined for a workbook without names. notes: more
 * lines for the 说明 sheet.
 */
export function planSheets(schoolYear, schools, tables, { names, notes = [] } = {}) {
  const schoolName = (id) => (id === "ALL" ? "全县" : (schools.get(id)?.name ?? id));
  const tierOf = (id) => schools.get(id)?.tier ?? "";
  const withNames = names !== undefined;
  const name = (id) => names?.get(id) ?? "";
  const between = tables.rotation_plan.filter((row) => row.type === "校际交流").length;
  return {
    sheetName: `${schoolYear}学年交流方案`,
    header: [
      "序号", "原学校代码", "原学校", "原学校层次", "工号", ...(withNames ? ["姓名"] : []), "人员类别", "骨干教师",
      "交流形式", "拟交流学校代码", "拟交流学校", "依据", "说明",
    ],
    rows: tables.rotation_plan.map((row, index) => [
      index + 1, row.from_school_id, schoolName(row.from_school_id), tierOf(row.from_school_id),
      row.staff_id, ...(withNames ? [name(row.staff_id)] : []), postGroupZh[row.post_group] ?? row.post_group,
      row.backbone ? "是" : "否", row.type, row.to_school_id, schoolName(row.to_school_id), row.rule_id, row.explanation,
    ]),
    moreSheets: [
      {
        sheetName: "规则核查",
        header: ["学校代码", "学校", "规则", "是否满足", "应达", "方案", "说明"],
        rows: tables.plan_checks.map((row) => [
          row.school_id, schoolName(row.school_id), row.rule_id, row.holds ? "满足" : "不满足", row.required, row.planned, row.explanation,
        ]),
      },
      {
        sheetName: "未能安排人员",
        header: ["原学校代码", "原学校", "工号", ...(withNames ? ["姓名"] : []), "原因规则", "说明"],
        rows: tables.plan_unplaced.map((row) => [
          row.from_school_id, schoolName(row.from_school_id), row.staff_id, ...(withNames ? [name(row.staff_id)] : []), row.reason_rule_id, row.explanation,
        ]),
      },
    ],
    notes: [
      ["学年", `${schoolYear}学年（交流轮次自${schoolYear}年暑期起）`],
      ["拟交流", `${between} 人校际交流，${tables.rotation_plan.length - between} 人校内轮岗`],
      ["未能安排", `${tables.plan_unplaced.length} 人`],
      ["规则未满足", `${tables.plan_checks.filter((row) => !row.holds).length} 项（见“规则核查”）`],
      ...notes,
    ],
  };
}
