import { describe, expect, it } from "vitest";
import { person, post, query } from "./given.ts";

describe("direct_hire_eligible (EXIT-RETIRE: 距法定退休5年内可直聘)", () => {
  // a man born 1966-05 retires 2026-10-01 (60 years and 5 months); the window opens 2021-10-01
  it.each([
    ["2021-09-30", false, "the day before the window opens"],
    ["2021-10-01", true, "exactly five years before retirement: 5年内 includes the fifth year"],
    ["2026-09-30", true, "the last day before retirement"],
    ["2026-10-01", false, "retirement reached: no longer a direct-hire candidate"],
  ])("as of %s → may be hired directly %s (%s)", async (on, eligible, _why) => {
    const rows = await query({ staff: [person("D1", { birth_date: "1966-05-10" })], appointments: [post("D1", "S1", "1995-09-01")] }, on,
      "select strftime(retirement_date, '%Y-%m-%d') as retires, strftime(direct_hire_from, '%Y-%m-%d') as opens from direct_hire_eligible");
    expect(rows).toEqual(eligible ? [{ retires: "2026-10-01", opens: "2021-10-01" }] : []);
  });

  it("the hiring rounds are for tenured staff: a contract teacher is not listed", async () => {
    const rows = await query({ staff: [person("D1", { birth_date: "1966-05-10", employment: "contract" })], appointments: [post("D1", "S1", "1995-09-01")] }, "2026-09-01",
      "select * from direct_hire_eligible");
    expect(rows).toEqual([]);
  });
});
