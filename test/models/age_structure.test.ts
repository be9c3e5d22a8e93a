import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultPolicyPath } from "../../src/policy/load.ts";
import { person, post, query } from "./given.ts";

describe("age_structure", () => {
  const given = {
    staff: [
      person("A", { gender: "M", birth_date: "2002-09-01" }), // 24 on 2026-09-01: ≤24
      person("B", { gender: "M", birth_date: "2001-09-01" }), // 25 on the day: 25-29
      person("C", { gender: "F", birth_date: "1966-09-02" }), // 59: 55-59
      person("D", { gender: "F", birth_date: "1966-09-01" }), // 60: ≥60
      person("E", { gender: "M", birth_date: "1976-01-01" }), // principal, 50
      person("F", { gender: "F", birth_date: "1986-01-01" }), // middle head who teaches, 40
      person("G", { gender: "F", birth_date: "1990-01-01" }), // 工勤, 36: only in 'all'
      person("H", { gender: "M", birth_date: "1990-01-01" }), // left before the as-of date
    ],
    appointments: [
      post("A", "S1", "2024-09-01"), post("B", "S1", "2024-09-01"), post("C", "S2", "2000-09-01"), post("D", "S2", "2000-09-01"),
      post("E", "S1", "2020-09-01", { post: "principal" }),
      post("F", "S1", "2010-09-01"), post("F", "S1", "2020-09-01", { post: "middle_head", department: "教导处" }),
      post("G", "S2", "2015-09-01", { post: "service" }),
      post("H", "S2", "2015-09-01", { end_date: "2026-08-31" }),
    ],
  };
  const counts = async () =>
    (await query(given, "2026-09-01", "select school_id, post_group, gender, age_band, headcount from age_structure where headcount > 0 order by all"))
      .map((row) => `${row.school_id} ${row.post_group} ${row.gender} ${row.age_band} ${row.headcount}`);

  it("counts people in post by their highest post group, in their school and in ALL", async () => {
    expect(await counts()).toEqual([
      "ALL all F 35-39 1", "ALL all F 40-44 1", "ALL all F 55-59 1", "ALL all F ≥60 1",
      "ALL all M 25-29 1", "ALL all M 50-54 1", "ALL all M ≤24 1",
      "ALL leader M 50-54 1", "ALL middle F 40-44 1",
      "ALL teacher F 55-59 1", "ALL teacher F ≥60 1", "ALL teacher M 25-29 1", "ALL teacher M ≤24 1",
      "S1 all F 40-44 1", "S1 all M 25-29 1", "S1 all M 50-54 1", "S1 all M ≤24 1",
      "S1 leader M 50-54 1", "S1 middle F 40-44 1", "S1 teacher M 25-29 1", "S1 teacher M ≤24 1",
      "S2 all F 35-39 1", "S2 all F 55-59 1", "S2 all F ≥60 1", "S2 teacher F 55-59 1", "S2 teacher F ≥60 1",
    ]);
  });

  it("has every combination, zero included: (2 schools + ALL) × 4 groups × 2 genders × 9 bands", async () => {
    const [row] = await query(given, "2026-09-01", "select count(*)::integer as n, sum(headcount)::integer as total from age_structure");
    // six people in a post group count four times each (school and ALL, group and all); 工勤 twice
    expect(row).toEqual({ n: 3 * 4 * 2 * 9, total: 6 * 4 + 2 });
  });
});

describe("a rule changed over time (dated policy values)", () => {
  it("each school year uses the ROT-T9 years in force on its eve", async () => {
    const policy = parse(await readFile(defaultPolicyPath, "utf8"));
    policy.rules["ROT-T9"].years_in_school = [{ from: "2015-01-01", value: 9 }, { from: "2025-08-01", value: 6 }];
    const given = {
      staff: [person("T1")],
      appointments: [post("T1", "S1", "2017-09-01")],
      rotations: [{ staff_id: "X", from_school_id: "S1", to_school_id: "S2", start_date: "2023-09-01", type: "group" }],
    };
    const rows = await query(given, "2026-09-01", "select school_year, eligible from rotation_compliance where school_id = 'S1' order by school_year", { policy });
    // 2023: 6.0 years < 9; 2024: 7.0 < 9; 2025: 8.0 ≥ 6 (new value from 2025-08-01); 2026: 9.0
    expect(rows).toEqual([
      { school_year: 2023, eligible: 0 }, { school_year: 2024, eligible: 0 }, { school_year: 2025, eligible: 1 }, { school_year: 2026, eligible: 1 },
    ]);
    const [due] = await query(given, "2026-09-01", "select explanation from rotation_due", { policy });
    expect(due!.explanation).toContain("（≥6年）");
  });
});
