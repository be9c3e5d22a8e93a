import { describe, expect, it } from "vitest";
import { person, post, query } from "./given.ts";

const given = {
  staff: [
    person("L1", { title: "senior", education: "postgraduate" }),
    person("M1", { title: "senior", education: "bachelor" }),
    person("T1", { title: "first", education: "bachelor" }),
    person("T2", { title: "first", education: "bachelor" }),
    person("T3", { title: null, education: "associate" }),
    person("W1", { title: null, education: "secondary" }),
    // left before the as-of date: not in post
    person("X1", { title: "first", education: "bachelor" }),
    // starts after the as-of date: not seen
    person("F1", { title: "second", education: "bachelor" }),
  ],
  appointments: [
    post("L1", "S1", "2015-09-01", { post: "principal" }),
    post("M1", "S1", "2018-09-01", { post: "middle_head", department: "教务处" }),
    // a middle head who also teaches counts once, as middle
    post("M1", "S1", "2010-09-01"),
    post("T1", "S1", "2010-09-01"),
    post("T2", "S2", "2012-09-01"),
    post("T3", "S2", "2020-09-01", { post: "class_teacher" }),
    post("W1", "S2", "2016-09-01", { post: "service" }),
    post("X1", "S1", "2010-09-01", { end_date: "2025-08-31" }),
    post("F1", "S1", "2026-09-02"),
  ],
};

const structure = (asOf = "2026-09-01") =>
  query(given, asOf, "select school_id, post_group, title, education, headcount from staff_structure");

const headcount = (rows: Record<string, unknown>[], school_id: string, post_group: string, title: string, education: string) =>
  rows.find((row) => row.school_id === school_id && row.post_group === post_group && row.title === title && row.education === education)
    ?.headcount ?? 0;

describe("staff_structure", () => {
  it.each([
    ["S1", "leader", "senior", "postgraduate", 1, "the principal"],
    ["S1", "middle", "senior", "bachelor", 1, "a middle head who also teaches: middle only"],
    ["S1", "teacher", "senior", "bachelor", 0, "…and not again as a teacher"],
    ["S1", "teacher", "first", "bachelor", 1, "the one who left is not counted"],
    ["S2", "teacher", "unknown", "associate", 1, "an empty title reads unknown"],
    ["S2", "other", "unknown", "secondary", 1, "service staff are in post too"],
    ["ALL", "teacher", "first", "bachelor", 2, "county: both schools"],
    ["ALL", "all", "senior", "bachelor", 1, "county, all groups"],
    ["S2", "all", "first", "bachelor", 1, "school, all groups"],
    ["ALL", "teacher", "second", "bachelor", 0, "a post starting after the as-of date is not seen"],
  ])("%s × %s × %s × %s → %s (%s)", async (school, group, title, education, expected) => {
    expect(headcount(await structure(), school, group, title, education)).toBe(expected);
  });

  it("counts everyone in post once per scope", async () => {
    const rows = await structure();
    const total = (school: string, group: string) =>
      rows.filter((row) => row.school_id === school && row.post_group === group).reduce((sum, row) => sum + Number(row.headcount), 0);
    expect([total("ALL", "all"), total("S1", "all"), total("S2", "all")]).toEqual([6, 3, 3]);
    expect(rows.every((row) => Number(row.headcount) > 0)).toBe(true);
  });
});
