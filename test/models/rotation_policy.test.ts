/**
 * Every rotation number comes from the policy file: with each ROT-* number set to a value unlike
 * its default, the rotation marts and the rotation page show the new numbers and none of the
 * defaults (a default written into SQL or TS would leak here).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotationData } from "../../src/site/rotation.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { pageContext } from "../site/support/context.ts";
import { build, copyStaffNames, person, policyWith, post, rows, type Given } from "./given.ts";

const unusual = policyWith((rules) => {
  Object.assign(rules["ROT-T9"]!, { years_in_school: 11, max_age_male: 57, max_age_female: 52 });
  Object.assign(rules["ROT-P3"]!, { years_in_post: 10, retirement_margin_years: 4 });
  Object.assign(rules["ROT-MC6"]!, { years_in_post: 7, years_head_and_deputy: 10 });
  Object.assign(rules["ROT-MC-AGE"]!, { exit_margin_years: 4 });
  Object.assign(rules["ROT-EXEMPT"]!, { max_extension_years: 2 });
  Object.assign(rules["ROT-RATIO"]!, { target_strong: 0.17, target_urban_or_town: 0.16, target_general: 0.13, target_weak: 0.12 });
  Object.assign(rules["ROT-LEAD15"]!, { target: 0.19 });
  Object.assign(rules["ROT-BACKBONE"]!, { min_share: 0.23 });
  Object.assign(rules["ROT-TIERS"]!, { max_share: 0.35 });
  Object.assign(rules["ROT-SERVE"]!, { years: 4, rural_support_years: 1 });
  Object.assign(rules["ROT-BAR"]!, { years: 2 });
  Object.assign(rules["ROT-YEAR"]!, { round_opens: "08-01" });
});

const county: Given = {
  staff: [person("T1"), person("T2"), person("L1", { birth_date: "1976-05-12" }), person("E1")],
  appointments: [
    post("T1", "S1", "2010-09-01"), post("T2", "S1", "2018-09-01"),
    post("L1", "S1", "2012-09-01", { post: "principal" }), post("E1", "S1", "2010-09-01"),
  ],
  rotations: [{ staff_id: "T1", from_school_id: "S1", to_school_id: "S2", start_date: "2025-08-15", type: "support_teaching", relation_moved: false }],
  exemptions: [{ staff_id: "E1", reason: "major_project", start_date: "2025-01-01", end_date: "2028-12-31" }],
};

let db: Database;
beforeAll(async () => {
  db = await build(county, "2026-09-01", { policy: unusual });
  await copyStaffNames(db);
}, 60_000);
afterAll(() => db.close());

describe("no default rotation number leaks into the output", () => {
  it("rotation_due explains with the file's numbers", async () => {
    const text = (await rows(db, "select explanation from rotation_due order by staff_id")).map((r) => String(r.explanation)).join("\n");
    expect(text).toContain("11年");
    expect(text).toContain("57周岁");
    expect(text).toContain("（≥10年）");
    expect(text).toContain("4年）");
    expect(text).toContain("已按最长2年截止");
    for (const old of ["≥9年", "<9年", "55周岁）", "≥3年）", "<3年）", "最长3年", "个聘期"]) expect(text).not.toContain(old);
  });

  it("rotation_compliance judges against the file's targets and round", async () => {
    const [s1] = await rows(db, "select * from rotation_compliance where school_id = 'S1' and school_year = 2025");
    expect(s1).toMatchObject({ target: 0.17, backbone_target: 0.23, leader_target: 0.19, round_opens_on: "2025-08-01", eligibility_records_date: "2025-07-31" });
    expect(String(s1!.explanation)).toContain("17%");
    expect(String(s1!.explanation)).not.toContain("15%");
    const tiers = await rows(db, "select max_share from rotation_tiers where tier = 'strong'");
    expect(tiers).toEqual([{ max_share: 0.35 }]);
  });

  it("the rotation page carries the mart's numbers, not its own", async () => {
    const page = await rotationData(pageContext(db, "bureau", "2026-09-01"));
    const json = JSON.stringify(page);
    expect(page.county.find((row) => row.school_year === 2025)).toMatchObject({ backbone_target: 0.23, leader_target: 0.19 });
    expect(json).not.toMatch(/"backboneShareTarget"|0\.2[,}]/);
  });
});
