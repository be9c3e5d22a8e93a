/**
 * Every page's data has one TypeScript type, shared by its builder in src/site/ and this test: a
 * column renamed in a builder fails `npm run typecheck` here, and the columns a builder writes at
 * run time are exactly the ones its type names (checked on a small county built by the models).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { rowsFromColumns } from "../../reports/components/columns.js";
import { allowanceData, type AllowanceData, type CareCountRow, type GradeCountRow, type MismatchCountRow } from "../../src/site/allowance.ts";
import { exitsData, type AwaitingCountRow, type ExitMonthRow, type ExitsData, type ProtectedCountRow } from "../../src/site/exits.ts";
import type { Columns } from "../../src/site/frame.ts";
import { outlookData, type OutlookData, type OutlookRow, type PlanEffectRow } from "../../src/site/outlook.ts";
import { overviewData, type OverviewData } from "../../src/site/overview.ts";
import { planData, type FlowRow, type PlanCheckRow, type PlanData, type PlanPersonRow, type PlanSchoolInfo, type PlanSummaryRow, type PlanUnplacedRow, type ReasonCountRow } from "../../src/site/plan.ts";
import { qualityData, type FileRow, type QualityData, type ScoreCountRow } from "../../src/site/quality.ts";
import { rotationData, type ComplianceRow, type CountyRoundRow, type DueCountRow, type RotationData } from "../../src/site/rotation.ts";
import type { SchoolInfo } from "../../src/site/scope.ts";
import {
  structureData,
  type CadreEducationRow,
  type CadreSummaryRow,
  type CadreTitleRow,
  type PyramidRow,
  type ReserveCountRow,
  type StaffEducationRow,
  type StaffTitleRow,
  type StructureData,
} from "../../src/site/structure.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { build, copyStaffNames, person, post, type Row } from "../models/given.ts";
import { pageContext } from "./support/context.ts";
import { addGivenPlan } from "./support/plan.ts";

const asOf = "2026-09-01";
// A county with something on every page: cadres (one of them young, one appraised 不称职 while
// pregnant), a reserve candidate, an eased workload, someone awaiting a post, a retirement, an
// appraisal score over its maximum, a rejected row, and teachers long enough in post to rotate.
const staff: Row[] = [
  person("P1", { gender: "F", birth_date: "1990-04-04", title: "first" }),
  person("Y1", { birth_date: "1986-09-01", title: "senior" }),
  person("L1", { birth_date: "1975-02-02", title: "senior" }),
  person("R1", { birth_date: "1990-01-01" }),
  person("C1", { birth_date: "1970-03-10" }),
  person("A1", { birth_date: "1980-01-01" }),
  person("D1", { birth_date: "1966-05-10" }),
  ...Array.from({ length: 8 }, (_, i) => person(`T${i}`, { birth_date: `198${i}-05-01`, gender: i % 2 ? "F" : "M" })),
];
const appointments: Row[] = [
  post("P1", "S1", "2012-09-01"), post("P1", "S1", "2022-09-01", { post: "middle_deputy", department: "德育处" }),
  post("Y1", "S1", "2008-09-01"), post("Y1", "S1", "2021-09-01", { post: "middle_head", department: "教导处" }),
  post("L1", "S1", "2015-09-01", { post: "principal" }),
  post("R1", "S1", "2016-09-01"), post("R1", "S1", "2020-09-01", { post: "class_teacher" }),
  post("C1", "S2", "1995-09-01"),
  post("A1", "S2", "2005-09-01", { end_date: "2023-08-31" }), post("A1", "S2", "2023-09-01", { post: "awaiting_post", method: "not_hired", round: 2023 }),
  post("D1", "S2", "1990-09-01"),
  ...Array.from({ length: 8 }, (_, i) => post(`T${i}`, i % 2 ? "S2" : "S1", "2010-09-01")),
];
const appraisals: Row[] = [
  { staff_id: "P1", year: 2025, grade: "incompetent" },
  { staff_id: "Y1", year: 2025, grade: "competent", score: 851, attitude: 51, ability: 50, duties: 450, results: 300 },
  { staff_id: "L1", year: 2025, grade: "excellent" },
];
const exemptions: Row[] = [{ staff_id: "P1", reason: "pregnancy", start_date: "2026-05-01", end_date: "2027-01-31" }];
const rejects: Row[] = [{ file: "staff.csv", row_number: 9, column: "birth_date", value: "1990-13-01", reason: "不是有效日期" }];
const load_files: Row[] = [{ file: "staff.csv", format: "csv", encoding: "utf-8-bom", rows_read: 16, rows_loaded: 15, rows_rejected: 1 }];

let db: Database;
beforeAll(async () => {
  db = await build({ staff, appointments, appraisals, exemptions, rejects, load_files }, asOf);
  await copyStaffNames(db);
  // the coming round's plan: T0 (S1) to S2, T1 (S2) to S1, Y1 rotating post, R1 not placed, a check that does not hold
  await addGivenPlan(db, {
    moves: [{ staff_id: "T0", from_school_id: "S1", to_school_id: "S2", backbone: true }, { staff_id: "T1", from_school_id: "S2", to_school_id: "S1" }, { staff_id: "Y1", from_school_id: "S1", to_school_id: "S1", post_group: "middle", rule_id: "ROT-MC6" }],
    checks: [{ school_id: "ALL", rule_id: "PLAN-RATIO", holds: true, required: 1, planned: 2, explanation: "" }, { school_id: "S2", rule_id: "PLAN-QUOTA", holds: false, required: 1, planned: 2, explanation: "T1" }],
    unplaced: [{ staff_id: "R1", from_school_id: "S1", reason_rule_id: "PLAN-BAR", explanation: "" }],
  });
}, 60_000);
afterAll(() => db?.close());

const context = () => pageContext(db, "bureau", asOf);

/**
 * A row type's columns, listed once: the compiler checks that the list is the type's columns,
 * none missing (a second argument naming them is then required) and none extra.
 */
const columnsOf =
  <T extends object>() =>
  <const K extends readonly (keyof T & string)[]>(keys: K, ..._missing: [Exclude<keyof T, K[number] | "suppressed">] extends [never] ? [] : [missing: Exclude<keyof T, K[number] | "suppressed">]) =>
    keys;

/** The columns a builder wrote are the row type's: checked on every table the county fills. Returns how many it could check. */
function expectColumns(tables: [Columns<object> | readonly object[], readonly string[]][]): number {
  let filled = 0;
  for (const [table, keys] of tables) {
    const rows = (Array.isArray(table) ? table : rowsFromColumns(table as Columns<object>)) as Record<string, unknown>[];
    if (rows.length === 0) continue;
    filled++;
    const written = new Set(rows.flatMap((row) => Object.keys(row)).filter((key) => key !== "suppressed"));
    expect(written).toEqual(new Set(keys));
  }
  return filled;
}

const schoolColumns = columnsOf<SchoolInfo>()(["school_id", "school_name", "level"]);

describe("each page's data has one type, and the builder writes what it names", () => {
  it("总览", async () => {
    const data = await overviewData(context());
    expectTypeOf(data).toEqualTypeOf<OverviewData>();
    expectTypeOf(data.headcounts[0]!.headcount).toEqualTypeOf<number | null>();
    expectTypeOf(data.rotationDue).toEqualTypeOf<number | null>();
    // @ts-expect-error: no such figure; a builder that renamed one would fail here the same way
    expect(data.rotationsDue).toBeUndefined();
    const figures = columnsOf<OverviewData>()([
      "asOf", "loadedAt", "audience", "scope", "headcounts", "rotationDue", "rotationExempt", "schoolYear", "schoolsBelowRatio",
      "schoolsMeasured", "payYear", "multiplierMismatches", "exitsNext12Months", "rejectedRows",
    ]);
    expect(new Set(Object.keys(data))).toEqual(new Set(figures));
    expect(expectColumns([[data.headcounts, ["post_group", "headcount"]]])).toBe(1);
  });

  it("干部结构", async () => {
    const data = await structureData(context());
    expectTypeOf(data).toEqualTypeOf<StructureData>();
    const [row] = rowsFromColumns(data.summary);
    expectTypeOf(row!.young_share).toEqualTypeOf<number | null>();
    // @ts-expect-error: the column is `young`, not `young_cadres` (that is 年度总结's name)
    expect(row!.young_cadres).toBeUndefined();
    const filled = expectColumns([
      [data.schools, schoolColumns],
      [data.pyramid, columnsOf<PyramidRow>()(["school_id", "post_group", "gender", "age_band", "headcount"])],
      [data.summary, columnsOf<CadreSummaryRow>()(["school_id", "post_group", "cadres", "young", "young_share", "mean_age", "mean_years_in_post", "mean_years_in_school"])],
      [data.titles, columnsOf<CadreTitleRow>()(["school_id", "title", "count"])],
      [data.education, columnsOf<CadreEducationRow>()(["school_id", "education", "count"])],
      [data.staffTitles, columnsOf<StaffTitleRow>()(["school_id", "post_group", "title", "count"])],
      [data.staffEducation, columnsOf<StaffEducationRow>()(["school_id", "post_group", "education", "count"])],
      [data.reserveCounts, columnsOf<ReserveCountRow>()(["school_id", "candidate_for", "count"])],
    ]);
    expect(filled).toBe(8);
  });

  it("交流轮岗", async () => {
    const data = await rotationData(context());
    expectTypeOf(data).toEqualTypeOf<RotationData>();
    expectTypeOf(data.county[0]!.backbone_share).toEqualTypeOf<number | null>();
    const [school] = rowsFromColumns(data.compliance);
    expectTypeOf(school!.met).toEqualTypeOf<boolean | null>();
    // @ts-expect-error: the county's leader counts are not in a school's row
    expect(school!.rotated_leaders).toBeUndefined();
    const filled = expectColumns([
      [data.compliance, columnsOf<ComplianceRow>()(["school_id", "school_year", "eligible", "rotated", "rotated_eligible", "ratio", "target", "met", "backbone_rotated", "target_exception", "phase_in_until", "received_barred", "left_early"])],
      [
        data.county,
        columnsOf<CountyRoundRow>()([
          "school_year", "eligible", "rotated", "rotated_eligible", "ratio", "target", "met", "backbone_rotated", "backbone_share", "backbone_target", "backbone_met",
          "eligible_leaders", "rotated_leaders", "leader_target", "leader_met", "leader_rule_id", "received_barred", "left_early", "is_complete",
          "round_opens_on", "round_ends_on", "eligibility_records_date", "eligibility_date",
        ]),
      ],
      [data.dueBySchool, columnsOf<DueCountRow>()(["school_id", "due", "exempt", "barred"])],
    ]);
    expect(filled).toBe(3);
  });

  it("交流方案", async () => {
    const data = await planData(context());
    expectTypeOf(data).toEqualTypeOf<PlanData>();
    const [school] = rowsFromColumns(data.summary);
    expectTypeOf(school!.reached).toEqualTypeOf<boolean | null>();
    // @ts-expect-error: the summary counts what a school sends, not whom
    expect(school!.staff_id).toBeUndefined();
    const filled = expectColumns([
      [data.schools, columnsOf<PlanSchoolInfo>()(["school_id", "school_name", "level", "district", "tier"])],
      [data.summary, columnsOf<PlanSummaryRow>()(["school_id", "tier", "district", "required", "target_exception", "reached", "backbone_share", "eligible", "sent", "sent_teachers", "sent_leaders", "backbone_sent", "received", "post_rotations", "unplaced"])],
      [data.tierFlows, columnsOf<FlowRow>()(["from", "to", "count"])],
      [data.districtFlows, columnsOf<FlowRow>()(["from", "to", "count"])],
      [data.unplacedByReason, columnsOf<ReasonCountRow>()(["reason_rule_id", "count"])],
      [data.countyChecks, columnsOf<PlanCheckRow>()(["school_id", "rule_id", "holds", "required", "planned", "explanation"])],
      [data.checks!, columnsOf<PlanCheckRow>()(["school_id", "rule_id", "holds", "required", "planned", "explanation"])],
      [data.people!, columnsOf<PlanPersonRow>()(["staff_id", "name", "from_school_id", "to_school_id", "type", "post_group", "backbone", "rule_id", "explanation"])],
      [data.unplaced!, columnsOf<PlanUnplacedRow>()(["staff_id", "name", "school_id", "reason_rule_id", "explanation"])],
    ]);
    expect(filled).toBe(9);
  });

  it("绩效津贴", async () => {
    const data = await allowanceData(context());
    expectTypeOf(data).toEqualTypeOf<AllowanceData>();
    const [grade] = rowsFromColumns(data.grades);
    expectTypeOf(grade!.year).toEqualTypeOf<number>();
    // @ts-expect-error: grades are counted, not listed per cadre
    expect(grade!.staff_id).toBeUndefined();
    const filled = expectColumns([
      [data.grades, columnsOf<GradeCountRow>()(["school_id", "year", "grade", "count"])],
      [data.mismatches, columnsOf<MismatchCountRow>()(["school_id", "year", "cadres", "mismatches"])],
      [data.careCounts, columnsOf<CareCountRow>()(["school_id", "post_group", "count"])],
    ]);
    expect(filled).toBe(3);
    expect(rowsFromColumns(data.people!).map((row) => row.staff_id)).toContain("L1");
  });

  it("待退出", async () => {
    const data = await exitsData(context());
    expectTypeOf(data).toEqualTypeOf<ExitsData>();
    const [month] = rowsFromColumns(data.byMonth);
    expectTypeOf(month!.count).toEqualTypeOf<number | null>();
    // @ts-expect-error: the month column is `month`
    expect(month!.due_month).toBeUndefined();
    const filled = expectColumns([
      [data.byMonth, columnsOf<ExitMonthRow>()(["school_id", "month", "kind", "count"])],
      [data.protectedCounts, columnsOf<ProtectedCountRow>()(["school_id", "kind", "count"])],
      [data.awaitingCounts, columnsOf<AwaitingCountRow>()(["school_id", "stage", "count"])],
    ]);
    expect(filled).toBe(3);
  });

  it("展望", async () => {
    const data = await outlookData(context());
    expectTypeOf(data).toEqualTypeOf<OutlookData>();
    const [year] = rowsFromColumns(data.outlook);
    expectTypeOf(year!.retirements).toEqualTypeOf<number | null>();
    // @ts-expect-error: the young cadres' column is `cadres_40_or_under`
    expect(year!.young_cadres).toBeUndefined();
    const filled = expectColumns([
      [data.outlook, columnsOf<OutlookRow>()(["school_year", "school_id", "teachers_due", "leaders_due", "retirements", "cadre_age_exits", "term_ends", "cadres", "cadres_40_or_under", "backbone", "share_40_or_under"])],
      [data.planEffect!, columnsOf<PlanEffectRow>()(["school_year", "school_id", "teachers_due", "teachers_sent", "teachers_left", "leaders_due", "leaders_sent", "leaders_left"])],
    ]);
    // these marts hold the given plan (T0 and T1 sent between schools; Y1's post rotation is not a send)
    expect(filled).toBe(2);
    const county = rowsFromColumns(data.planEffect!).find((row) => row.school_id === "ALL")!;
    expect(county.teachers_sent).toBe(2);
  });

  it("数据质量", async () => {
    const data = await qualityData(context());
    expectTypeOf(data).toEqualTypeOf<QualityData>();
    expectTypeOf(data.files[0]!.rows_rejected).toEqualTypeOf<number>();
    // @ts-expect-error: the file list's count is `rows_rejected`
    expect(data.files[0]!.rejected).toBeUndefined();
    const filled = expectColumns([
      [data.files, columnsOf<FileRow>()(["file", "format", "encoding", "rows_read", "rows_loaded", "rows_rejected", "cells_emptied", "label"])],
      [data.scoreCounts, columnsOf<ScoreCountRow>()(["school_id", "column", "problem", "count"])],
    ]);
    expect(filled).toBe(2);
  });
});
