import { describe, expect, it } from "vitest";
import { person, post, query, type Row } from "./given.ts";

/** 20 teachers in S1 since 2010 (all eligible on 2025-08-31); the first `moved` rotate to S2 on 2025-09-01. */
function county(moved: number, options: { backbone?: number; extraRotation?: Row } = {}) {
  const staff: Row[] = [];
  const appointments: Row[] = [];
  const rotations: Row[] = [];
  for (let i = 1; i <= 20; i++) {
    const id = `T${i}`;
    staff.push(person(id, { backbone: i <= (options.backbone ?? 0) ? "backbone_teacher" : null }));
    if (i <= moved) {
      appointments.push(post(id, "S1", "2010-09-01", { end_date: "2025-08-31" }), post(id, "S2", "2025-09-01", { method: "rotation" }));
      rotations.push({ staff_id: id, from_school_id: "S1", to_school_id: "S2", start_date: "2025-09-01", type: "transfer", relation_moved: true });
    } else appointments.push(post(id, "S1", "2010-09-01"));
  }
  // a young teacher (not eligible) who also rotates: does not count toward the ratio
  staff.push(person("Y1", { birth_date: "1998-01-01" }));
  appointments.push(post("Y1", "S1", "2022-09-01"));
  rotations.push({ staff_id: "Y1", from_school_id: "S1", to_school_id: "S2", start_date: "2025-10-01", end_date: "2026-07-31", type: "support_teaching", relation_moved: false });
  if (options.extraRotation) rotations.push(options.extraRotation);
  return { staff, appointments, rotations };
}

const compliance = (given: ReturnType<typeof county>, asOf = "2026-09-01") =>
  query(given, asOf, "select * from rotation_compliance order by school_id, school_year");

describe("rotation_compliance (ROT-RATIO)", () => {
  it.each([
    [3, 0.15, true, "exactly 15 % of a strong urban school's eligible: met"],
    [2, 0.1, false, "10 %: below 15 %"],
    [4, 0.2, true, "20 %"],
  ])("%s of 20 rotated → ratio %s, met %s (%s)", async (moved, ratio, met) => {
    const rows = await compliance(county(moved));
    expect(rows.find((row) => row.school_id === "S1" && row.school_year === 2025)).toMatchObject({
      eligible: 20, rotated: moved, ratio, target: 0.15, met, is_complete: true, rule_id: "ROT-RATIO",
    });
  });

  it("covers every school year from the first rotation up to the as-of date, with county rows", async () => {
    const rows = await compliance(county(3));
    expect(rows.map((row) => [row.school_id, row.school_year, row.eligible, row.rotated, row.met])).toEqual([
      ["ALL", 2025, 20, 3, true],
      ["ALL", 2026, 17, 0, false],
      ["S1", 2025, 20, 3, true],
      ["S1", 2026, 17, 0, false],
      ["S2", 2025, 0, 0, null],
      ["S2", 2026, 0, 0, null],
    ]);
    expect(rows.find((row) => row.school_id === "S2")!.target).toBe(0.1);
    expect(rows.find((row) => row.school_year === 2026)!.is_complete).toBe(false);
  });

  it("a rotation counts toward the school year its start date falls in", async () => {
    const given = county(3, {
      extraRotation: { staff_id: "T10", from_school_id: "S1", to_school_id: "S2", start_date: "2026-08-31", end_date: "2027-08-31", type: "support_teaching", relation_moved: false },
    });
    const rows = await compliance(given);
    expect(rows.find((row) => row.school_id === "S1" && row.school_year === 2025)).toMatchObject({ rotated: 4 });
    const before = await compliance(given, "2026-08-30");
    expect(before.find((row) => row.school_id === "S1" && row.school_year === 2025)).toMatchObject({ rotated: 3, is_complete: false });
  });

  it("counts backbone teachers among those rotated (ROT-BACKBONE)", async () => {
    const [row] = (await compliance(county(5, { backbone: 1 }))).filter((r) => r.school_id === "S1" && r.school_year === 2025);
    expect(row).toMatchObject({ rotated: 5, backbone_rotated: 1, backbone_share: 0.2, backbone_target: 0.2, backbone_met: true });
  });
});

describe("rotation_compliance: rotated in and out", () => {
  const move = (id: string, from: string, to: string, start: string, type = "transfer"): Row => ({
    staff_id: id, from_school_id: from, to_school_id: to, start_date: start, type, relation_moved: type === "transfer",
  });
  const given = {
    staff: ["A", "B", "C", "D"].map((id) => person(id)),
    appointments: ["A", "B", "C", "D"].map((id) => post(id, "S1", "2010-09-01")),
    rotations: [
      move("A", "S1", "S2", "2025-09-01"),
      // the same person twice in a year counts once
      move("A", "S1", "S2", "2026-03-01", "support_teaching"),
      move("B", "S2", "S1", "2025-10-01", "group"),
      // 校内轮岗 does not cross schools
      move("C", "S1", "S1", "2025-11-01", "internal"),
      // starts after the as-of date: not seen
      move("D", "S1", "S2", "2026-09-02"),
    ],
  };

  it("counts people whose between-school rotation starts in the year, per school and for the county", async () => {
    const rows = await compliance(given);
    expect(rows.map((row) => [row.school_id, row.school_year, row.rotated_in, row.rotated_out])).toEqual([
      ["ALL", 2025, 2, 2],
      ["ALL", 2026, 0, 0],
      ["S1", 2025, 1, 1],
      ["S1", 2026, 0, 0],
      ["S2", 2025, 1, 1],
      ["S2", 2026, 0, 0],
    ]);
  });

  it("never looks past the as-of date", async () => {
    const rows = await compliance(given, "2025-09-30");
    expect(rows.find((row) => row.school_id === "S2" && row.school_year === 2025)).toMatchObject({ rotated_in: 1, rotated_out: 0 });
    expect(rows.find((row) => row.school_id === "ALL" && row.school_year === 2025)).toMatchObject({ rotated_in: 1, rotated_out: 1 });
  });
});

describe("reverse_flow (ROT-NO-REVERSE)", () => {
  const move = (id: string, from: string, to: string, start: string): Row => ({
    staff_id: id, from_school_id: from, to_school_id: to, start_date: start, type: "group", relation_moved: false,
  });
  it.each([
    [2, 1, true, "more backbone teachers from strong to weak than back"],
    [1, 1, false, "equal is not enough"],
    [0, 0, false, "no backbone exchange at all: the requirement is not met"],
    [0, 2, false, "reverse flow"],
  ])("%s down, %s up → ok %s (%s)", async (down, up, ok) => {
    const staff: Row[] = [];
    const appointments: Row[] = [];
    const rotations: Row[] = [];
    for (let i = 0; i < down; i++) {
      staff.push(person(`D${i}`, { backbone: "master_teacher" }));
      appointments.push(post(`D${i}`, "S1", "2010-09-01"));
      rotations.push(move(`D${i}`, "S1", "S2", "2024-09-01"));
    }
    for (let i = 0; i < up; i++) {
      staff.push(person(`U${i}`, { backbone: "backbone_teacher" }));
      appointments.push(post(`U${i}`, "S2", "2010-09-01"));
      rotations.push(move(`U${i}`, "S2", "S1", "2025-03-01"));
    }
    // an ordinary teacher going up never counts
    staff.push(person("O1"));
    appointments.push(post("O1", "S2", "2010-09-01"));
    rotations.push(move("O1", "S2", "S1", "2024-10-01"));
    const rows = await query({ staff, appointments, rotations }, "2026-09-01", "select * from reverse_flow where school_year = 2024");
    expect(rows[0]).toMatchObject({ backbone_strong_to_other: down, backbone_other_to_strong: up, ok, rule_id: "ROT-NO-REVERSE" });
  });
});
