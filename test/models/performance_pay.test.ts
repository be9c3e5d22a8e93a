import { describe, expect, it } from "vitest";
import { person, post, query, type Row } from "./given.ts";

const pay = (appointments: Row[], appraisals: Row[], policy?: unknown) =>
  query(
    { staff: [person("C1")], appointments, appraisals }, "2026-09-01",
    "select year, post, grade, policy_multiplier, applied_multiplier, mismatch, allowance, explanation from performance_pay order by year",
    policy === undefined ? {} : { policy },
  );

const head = post("C1", "S1", "2018-09-01", { post: "middle_head", department: "教导处" });

describe("performance_pay (PAY-MULT)", () => {
  it.each([
    ["principal", "excellent", 1.5],
    ["principal", "basic", 0.9],
    ["party_secretary", "competent", 1.4],
    ["vice_principal", "competent", 1.2],
    ["middle_head", "excellent", 1.2],
    ["middle_head", "basic", 0.8],
    ["middle_deputy", "competent", 1.0],
    ["middle_deputy", "incompetent", 0],
  ])("%s appraised %s → multiplier %s", async (postCode, grade, multiplier) => {
    const [row] = await pay([post("C1", "S1", "2018-09-01", { post: postCode })], [{ staff_id: "C1", year: 2024, grade, base_allowance: 800 }]);
    expect(row).toMatchObject({ post: postCode, grade, policy_multiplier: multiplier, allowance: 800 * multiplier, mismatch: null });
  });

  it.each([
    [1.1, false],
    [1.2, true],
    [null, null],
  ])("payroll applied %s to a competent middle head → mismatch %s", async (applied, mismatch) => {
    const [row] = await pay([head], [{ staff_id: "C1", year: 2024, grade: "competent", applied_multiplier: applied }]);
    expect(row).toMatchObject({ policy_multiplier: 1.1, mismatch, allowance: null });
  });

  it("explains the check a clerk repeats by hand", async () => {
    const [row] = await pay([head], [{ staff_id: "C1", year: 2024, grade: "excellent", applied_multiplier: 1.1, base_allowance: 700 }]);
    expect(row!.explanation).toBe("2024年12月31日任中层正职，年度考核优秀，政策系数1.2，工资单用1.1，不一致，津贴 = 700 × 1.2 = 840元/月（PAY-MULT）");
  });

  it("uses the post held on 31 December, and no row for a year without a cadre post then", async () => {
    const rows = await pay(
      [post("C1", "S1", "2010-09-01"), post("C1", "S1", "2022-01-01", { post: "middle_deputy", department: "德育处", end_date: "2023-12-30" }),
        post("C1", "S1", "2023-12-31", { post: "middle_head", department: "德育处" })],
      [2021, 2022, 2023, 2025].map((year) => ({ staff_id: "C1", year, grade: "competent" })),
    );
    expect(rows.map((row) => [row.year, row.post])).toEqual([[2022, "middle_deputy"], [2023, "middle_head"], [2025, "middle_head"]]);
  });

  it("the as-of year's appraisal is not known yet", async () => {
    expect(await pay([head], [{ staff_id: "C1", year: 2026, grade: "competent" }])).toEqual([]);
  });
});
