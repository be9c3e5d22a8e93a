import { describe, expect, it } from "vitest";
import { person, policyWith, post, query, type Given } from "./given.ts";

const asOf = "2026-09-01";
const cadre = (id: string, birth: string, postCode: string, school = "S1"): Given => ({
  staff: [person(id, { birth_date: birth })],
  appointments: [post(id, school, "2010-09-01"), post(id, school, "2020-09-01", { post: postCode, department: postCode.startsWith("middle") ? "教导处" : null })],
});
const merge = (...parts: Given[]): Given => ({
  staff: parts.flatMap((part) => part.staff ?? []),
  appointments: parts.flatMap((part) => part.appointments ?? []),
});

describe("cadre_team: young cadres (YOUNG-CADRE, 40周岁以下 includes 40)", () => {
  it.each([
    ["1986-09-01", 1, "exactly 40 on the as-of date: young (以下 includes the number)"],
    ["1986-09-02", 1, "39"],
    ["1985-09-01", 0, "turns 41 on the as-of date: not young"],
  ])("a middle head born %s → young %i (%s)", async (birth, young, _why) => {
    const [row] = await query(cadre("Y1", birth, "middle_head"), asOf, "select young_cadres, young_cadre_max_age from cadre_team where school_id = 'S1' and post_group = 'middle'");
    expect(row).toEqual({ young_cadres: young, young_cadre_max_age: 40 });
  });

  it("the age comes from the policy: YOUNG-CADRE.max_age 35 makes a 40-year-old not young", async () => {
    const policy = policyWith((rules) => { rules["YOUNG-CADRE"]!.max_age = 35; });
    const [row] = await query(cadre("Y1", "1986-09-01", "middle_head"), asOf, "select young_cadres, young_cadre_max_age from cadre_team where school_id = 'ALL' and post_group = 'all'", { policy });
    expect(row).toEqual({ young_cadres: 0, young_cadre_max_age: 35 });
  });

  it("counts per school and post group, with the county and 'all' rows", async () => {
    const given = merge(cadre("L1", "1976-01-01", "principal"), cadre("M1", "1990-01-01", "middle_deputy"), cadre("M2", "1980-06-01", "middle_head", "S2"));
    const rows = await query(given, asOf, "select school_id, post_group, cadres, young_cadres, mean_age from cadre_team order by school_id, post_group");
    expect(rows).toEqual([
      { school_id: "ALL", post_group: "all", cadres: 3, young_cadres: 1, mean_age: 44 },
      { school_id: "ALL", post_group: "leader", cadres: 1, young_cadres: 0, mean_age: 50 },
      { school_id: "ALL", post_group: "middle", cadres: 2, young_cadres: 1, mean_age: 41 },
      { school_id: "S1", post_group: "all", cadres: 2, young_cadres: 1, mean_age: 43 },
      { school_id: "S1", post_group: "leader", cadres: 1, young_cadres: 0, mean_age: 50 },
      { school_id: "S1", post_group: "middle", cadres: 1, young_cadres: 1, mean_age: 36 },
      { school_id: "S2", post_group: "all", cadres: 1, young_cadres: 0, mean_age: 46 },
      { school_id: "S2", post_group: "middle", cadres: 1, young_cadres: 0, mean_age: 46 },
    ]);
  });
});
