import { describe, expect, it } from "vitest";
import { person, post, query, type Given, type Row } from "./given.ts";

const asOf = "2026-09-01";
/** A teacher at S1 since `join`, class teacher since `classFrom` (open), born `birth`. */
const candidate = (birth: string, join: string, classFrom: string, extra: Row = {}, more: Row[] = []): Given => ({
  staff: [person("R1", { birth_date: birth, ...extra })],
  appointments: [post("R1", "S1", join), post("R1", "S1", classFrom, { post: "class_teacher" }), ...more],
});
const pool = (given: Given) =>
  query(given, asOf, "select staff_id, post_group, candidate_for, age, years_in_school, experience_years from reserve_cadres");

describe("reserve_cadres (APT-RESERVE: 28–45 周岁, 本校五年以上, 班主任或组长三年以上)", () => {
  it.each([
    ["1998-09-01", "2016-09-01", "2020-09-01", true, "exactly 28: the lower end is included"],
    ["1998-09-02", "2016-09-01", "2020-09-01", false, "27, turning 28 the next day"],
    ["1981-09-02", "2016-09-01", "2020-09-01", true, "45, turning 46 the next day: the upper end is included"],
    ["1980-09-01", "2016-09-01", "2020-09-01", false, "46 on the as-of date"],
    ["1990-01-01", "2021-09-01", "2021-09-01", true, "exactly 5.0 years in the school (五年以上 includes 5)"],
    ["1990-01-01", "2021-09-02", "2021-09-02", false, "a day short of 5 years in the school"],
    ["1990-01-01", "2016-09-01", "2023-09-01", true, "exactly 3.0 years as class teacher"],
    ["1990-01-01", "2016-09-01", "2023-09-02", false, "a day short of 3 years as class teacher"],
  ])("born %s, in S1 since %s, class teacher since %s → in the pool %s (%s)", async (birth, join, classFrom, inPool, _why) => {
    expect((await pool(candidate(birth, join, classFrom))).length).toBe(inPool ? 1 : 0);
  });

  it("on 31 August the as-of date's years are read, not also the round's judged on that same day (one row, not two)", async () => {
    const rows = await query(candidate("1990-01-01", "2016-09-01", "2020-09-01"), "2026-08-31", "select staff_id, years_in_school from reserve_cadres");
    expect(rows).toEqual([{ staff_id: "R1", years_in_school: 9.99 }]);
  });

  it("a class teacher who also leads a subject counts each day once", async () => {
    // class teacher 2024-09-01 – open and subject leader 2024-09-01 – 2025-08-31: 2 years, not 3
    const rows = await pool(candidate("1990-01-01", "2016-09-01", "2024-09-01", {}, [post("R1", "S1", "2024-09-01", { post: "subject_leader", end_date: "2025-08-31" })]));
    expect(rows).toEqual([]);
  });

  it("experience at another school counts; years in the school count only this school", async () => {
    const rows = await pool({
      staff: [person("R1", { birth_date: "1990-01-01" })],
      appointments: [
        post("R1", "S2", "2012-09-01", { end_date: "2020-08-31" }), post("R1", "S2", "2017-09-01", { post: "grade_leader", end_date: "2020-08-31" }),
        post("R1", "S1", "2020-09-01"),
      ],
    });
    expect(rows).toEqual([{ staff_id: "R1", post_group: "teacher", candidate_for: "middle", age: 36, years_in_school: 6, experience_years: 3 }]);
  });

  it.each([
    [{ post: "middle_deputy", department: "德育处" }, {}, [{ post_group: "middle", candidate_for: "leader" }], "a middle cadre is a candidate for a school-leader post"],
    [{ post: "vice_principal" }, {}, [], "a school leader is not in the pool"],
    [{ post: "teacher" }, { employment: "contract" }, [], "contract (临聘) staff are not in the pool"],
  ])("holding %j (%j) → %j (%s)", async (extraPost, staffExtra, expected, _why) => {
    const rows = await query(candidate("1990-01-01", "2016-09-01", "2018-09-01", staffExtra, [post("R1", "S1", "2022-09-01", extraPost)]), asOf,
      "select post_group, candidate_for from reserve_cadres");
    expect(rows).toEqual(expected);
  });
});
