import { describe, expect, it } from "vitest";
import { person, post, query, type Row } from "./given.ts";

/**
 * Seed 001 第5篇 (山海天实验小学): 75 applications, 1 not taking part, 8 not hired, 66 hired;
 * in a second round 7 of the 8 took service posts and 1 seriously ill teacher was given care.
 */
function experimentalSchoolRound(): { staff: Row[]; appointments: Row[] } {
  const staff: Row[] = [];
  const appointments: Row[] = [];
  const round = { round: 2019 };
  const firstDay = "2019-09-01";
  for (let i = 1; i <= 75; i++) {
    const id = `E${i}`;
    staff.push(person(id));
    appointments.push(post(id, "S1", "2005-09-01", { end_date: "2019-08-31" }));
  }
  for (let i = 1; i <= 66; i++) {
    appointments.push(post(`E${i}`, "S1", firstDay, { method: "competitive", ...round, term_years: 3 }));
    // a hired class teacher has two records of the round and still counts once
    if (i <= 20) appointments.push(post(`E${i}`, "S1", firstDay, { post: "class_teacher", method: "competitive", ...round }));
  }
  appointments.push(post("E67", "S1", firstDay, { post: "awaiting_post", method: "not_participating", ...round }));
  for (let i = 68; i <= 75; i++) {
    appointments.push(post(`E${i}`, "S1", firstDay, { post: "awaiting_post", method: "not_hired", end_date: "2019-09-14", ...round }));
  }
  for (let i = 68; i <= 74; i++) appointments.push(post(`E${i}`, "S1", "2019-09-15", { post: "service", method: "second_round", ...round }));
  appointments.push(post("E75", "S1", "2019-09-15", { method: "direct", ...round }));
  return { staff, appointments };
}

describe("reform_summary", () => {
  it("reproduces the published figures of seed 001 第5篇", async () => {
    const rows = await query(experimentalSchoolRound(), "2026-09-01", "select * exclude (\"round\"), \"round\" from reform_summary order by school_id");
    const expected = {
      round: 2019, staff_in_round: 75, not_participating: 1, competed: 74, competitive_hired: 66, first_round_not_hired: 8,
      second_round_hired: 7, direct_hired: 1, care_direct_hired: 1, awaiting_post_end: 1,
    };
    expect(rows).toEqual([{ school_id: "ALL", ...expected }, { school_id: "S1", ...expected }]);
  });

  it("before the second round the 8 are still awaiting a post; records after the as-of date do not exist", async () => {
    const [county] = await query(experimentalSchoolRound(), "2019-09-10", "select * from reform_summary where school_id = 'ALL'");
    expect(county).toMatchObject({ staff_in_round: 75, first_round_not_hired: 8, second_round_hired: 0, direct_hired: 0, awaiting_post_end: 9 });
  });
});
