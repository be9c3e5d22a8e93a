import { describe, expect, it } from "vitest";
import { person, policyWith, post, query } from "./given.ts";

const asOf = "2026-09-01";
const staffMember = (gender: string, birth: string, postCode = "teacher") => ({
  staff: [person("W1", { gender, birth_date: birth })],
  appointments: [post("W1", "S1", "2000-09-01", { post: postCode, department: postCode.startsWith("middle") ? "总务处" : null })],
});

describe("care_workload (PAY-CARE: 在现岗位男55周岁、女50周岁以上的教职工，工作量上予以适当照顾)", () => {
  it.each([
    ["M", "1971-09-01", "teacher", true, "a man turning 55 on the as-of date: 以上 includes 55"],
    ["M", "1971-09-02", "teacher", false, "a man turning 55 the next day"],
    ["F", "1976-09-01", "middle_head", true, "a woman cadre turning 50 on the as-of date"],
    ["F", "1976-09-02", "middle_head", false, "a woman a day short of 50"],
    ["F", "1975-01-01", "service", true, "every staff member, not only cadres and teachers (教职工)"],
  ])("%s born %s in a %s post → eased %s (%s)", async (gender, birth, postCode, eased, _why) => {
    const rows = await query(staffMember(gender, birth, postCode), asOf, "select staff_id, care_age, strftime(eligible_from, '%Y-%m-%d') as eligible_from from care_workload");
    expect(rows.length).toBe(eased ? 1 : 0);
    if (eased) expect(rows[0]).toMatchObject({ care_age: gender === "M" ? 55 : 50 });
  });

  it("the ages come from the policy", async () => {
    const policy = policyWith((rules) => { rules["PAY-CARE"]!.age_female = 52; });
    const rows = await query(staffMember("F", "1976-09-01"), asOf, "select * from care_workload", { policy });
    expect(rows).toEqual([]);
  });

  it("explains the age and the day it was reached", async () => {
    const [row] = await query(staffMember("M", "1970-03-10", "middle_head"), asOf, "select explanation from care_workload");
    expect(row!.explanation).toBe("中层正职，男，56周岁（≥55周岁，自2025-03-10起），工作量上予以适当照顾（PAY-CARE）");
  });
});
