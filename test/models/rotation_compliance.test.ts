import { describe, expect, it } from "vitest";
import { casesBuiltTogether, person, policyWith, post, query, type Given, type Row } from "./given.ts";

/**
 * 20 teachers in S1 (strong, urban: target 15 % = 3/20) since 2010, all eligible for school year
 * 2025 (judged on the records of 2025-06-30, counted to 2025-08-31); the first `moved` are sent to
 * S2 by 校际交流 on 2025-09-01, inside round 2025 (2025-07-01 … 2026-06-30).
 */
function county(moved: number, options: { backbone?: number } = {}): Required<Pick<Given, "staff" | "appointments" | "rotations" | "exemptions" | "appraisals">> {
  const staff: Row[] = [];
  const appointments: Row[] = [];
  const rotations: Row[] = [];
  for (let i = 1; i <= 20; i++) {
    const id = `T${i}`;
    staff.push(person(id, { backbone: i <= (options.backbone ?? 0) ? "backbone_teacher" : null }));
    if (i <= moved) {
      appointments.push(post(id, "S1", "2010-09-01", { end_date: "2025-08-31" }), post(id, "S2", "2025-09-01", { method: "rotation" }));
      rotations.push(send(id, "2025-09-01"));
    } else appointments.push(post(id, "S1", "2010-09-01"));
  }
  return { staff, appointments, rotations, exemptions: [], appraisals: [] };
}

const dayAfter = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const send = (staff_id: string, start_date: string, extra: Row = {}): Row => ({
  staff_id, from_school_id: "S1", to_school_id: "S2", start_date, type: "transfer", relation_moved: true, ...extra,
});

/** The target as an exact fraction (bigint columns arrive as text). */
const exact = (found: Record<string, unknown>) => [Number(found.target_numerator), Number(found.target_denominator)];

const complianceSql = "select * from rotation_compliance order by school_id, school_year";
const compliance = (given: Given, asOf = "2026-09-01", policy?: unknown) =>
  query(given, asOf, complianceSql, policy === undefined ? {} : { policy });
const schoolYear = (rows: Record<string, unknown>[], school = "S1", year = 2025) => rows.find((r) => r.school_id === school && r.school_year === year)!;
const row = async (given: Given, school = "S1", year = 2025, asOf?: string, policy?: unknown) => schoolYear(await compliance(given, asOf, policy), school, year);
/** `row` for a table of cases, in one build: the schools' rows only (a county row mixes the cases). */
const rowOfCases = (cases: Given[], policy?: unknown) => {
  const rowsOf = casesBuiltTogether(cases, "2026-09-01", complianceSql, policy === undefined ? {} : { policy });
  return async (given: Given, school = "S1", year = 2025) => schoolYear(await rowsOf(given), school, year);
};

describe("rotation_compliance: ROT-RATIO compared exactly (digest §0)", () => {
  const ratios: [number, number, boolean, string][] = [
    [3, 0.15, true, "3 of 20 is exactly 15 %: 不低于 includes it"],
    [2, 0.1, false, "10 %: below 15 %"],
    [4, 0.2, true, "20 %"],
  ];
  const ratioRow = rowOfCases(ratios.map(([moved]) => county(moved)));
  it.each(ratios)("%s of 20 sent → ratio %s, met %s (%s)", async (moved, ratio, met) => {
    const found = await ratioRow(county(moved));
    expect(found).toMatchObject({ eligible: 20, rotated: moved, rotated_eligible: moved, ratio, target: 0.15, met, is_complete: true, rule_id: "ROT-RATIO" });
    expect(exact(found)).toEqual([3, 20]);
  });

  const thirds: [number, boolean, string][] = [
    [2, true, "2 of 3 reaches a target written 2/3 (0.6667 would not)"],
    [1, false, "1 of 3 does not"],
  ];
  const threeOf = (moved: number): Given => {
    const given = county(moved);
    given.appointments = given.appointments.filter((a) => Number(String(a.staff_id).slice(1)) <= 3);
    return given;
  };
  const thirdsRow = rowOfCases(thirds.map(([moved]) => threeOf(moved)), policyWith((rules) => { rules["ROT-RATIO"]!.target_strong = "2/3"; }));
  it.each(thirds)("target 2/3: %s of 3 sent → met %s (%s)", async (moved, met) => {
    const found = await thirdsRow(threeOf(moved));
    expect(found).toMatchObject({ eligible: 3, rotated: moved, met });
    expect(exact(found)).toEqual([2, 3]);
  });

  it("covers every school year from the first round with a rotation up to the as-of date's round, with county rows", async () => {
    const rows = await compliance(county(3));
    expect(rows.map((r) => [r.school_id, r.school_year, r.eligible, r.rotated, r.met, r.is_complete])).toEqual([
      ["ALL", 2025, 20, 3, true, true],
      ["ALL", 2026, 17, 0, false, false],
      ["S1", 2025, 20, 3, true, true],
      ["S1", 2026, 17, 0, false, false],
      ["S2", 2025, 0, 0, null, true],
      ["S2", 2026, 0, 0, null, false],
    ]);
    expect(rows.find((r) => r.school_id === "S2")!.target).toBe(0.1);
  });
});

describe("rotation_compliance: who is counted (ROT-RATIO, ROT-LEAD15)", () => {
  /** county(3) plus a young teacher on 支教, a contract teacher and a principal, all sent in round 2025. */
  function mixed(): Given {
    const given = county(3);
    given.staff!.push(person("Y1", { birth_date: "1998-01-01" }), person("C1", { employment: "contract" }), person("L1", { birth_date: "1976-05-12" }));
    given.appointments!.push(
      post("Y1", "S1", "2022-09-01"), post("C1", "S1", "2010-09-01"),
      post("L1", "S1", "2014-09-01", { post: "principal", end_date: "2025-08-31" }), post("L1", "S2", "2025-09-01", { post: "principal" }),
    );
    given.rotations!.push(
      send("Y1", "2025-10-01", { type: "support_teaching", relation_moved: false, end_date: "2026-07-31" }),
      send("C1", "2025-09-01"), send("L1", "2025-09-01"),
    );
    return given;
  }

  it("counts every tenured teacher sent, eligible or not; leaders apart; contract staff not at all", async () => {
    expect(await row(mixed())).toMatchObject({
      eligible: 20, rotated: 4, rotated_eligible: 3, ratio: 0.2, met: true,
      eligible_leaders: 1, rotated_leaders: 1, leader_target: 0.15, leader_met: true, rotated_out: 6,
    });
  });

  it("count_only_eligible: rotated counts the eligible ones only", async () => {
    const policy = policyWith((rules) => { rules["ROT-RATIO"]!.count_only_eligible = true; });
    expect(await row(mixed(), "S1", 2025, undefined, policy)).toMatchObject({ eligible: 20, rotated: 3, rotated_eligible: 3, ratio: 0.15 });
  });

  it.each([
    [3, true, "3 of 20 eligible leaders is 15 %"],
    [2, false, "2 of 20 is not"],
  ])("ROT-LEAD15: %s of 20 leaders sent → leader_met %s (%s)", async (moved, met) => {
    const given: Given = { staff: [], appointments: [], rotations: [] };
    for (let i = 1; i <= 20; i++) {
      given.staff!.push(person(`L${i}`, { birth_date: "1976-05-12" }));
      given.appointments!.push(post(`L${i}`, "S1", "2014-09-01", { post: "vice_principal", ...(i <= moved ? { end_date: "2025-08-31" } : {}) }));
      if (i <= moved) given.rotations!.push(send(`L${i}`, "2025-09-01"));
    }
    expect(await row(given, "ALL")).toMatchObject({ eligible: 0, rotated: 0, eligible_leaders: 20, rotated_leaders: moved, leader_met: met });
  });
});

describe("rotation_compliance: the round (ROT-YEAR)", () => {
  const oneSent = (start: string): Given => {
    const given = county(0);
    given.rotations!.push(send("T1", start, { type: "group", relation_moved: false, end_date: null }));
    return given;
  };
  /** The school years in which S1 sent someone, for a table of rotation starts, in one build. */
  const yearsOfCases = (starts: string[], policy?: unknown) => {
    const rowsOf = casesBuiltTogether(starts.map(oneSent), "2026-09-01", complianceSql, policy === undefined ? {} : { policy });
    return async (start: string) => (await rowsOf(oneSent(start))).filter((r) => r.school_id === "S1" && r.rotated === 1).map((r) => r.school_year);
  };

  const rounds: [string, number, string][] = [
    ["2025-06-30", 2024, "the last day of round 2024"],
    ["2025-07-01", 2025, "round 2025 opens on 1 July"],
    ["2025-08-20", 2025, "a summer rotation belongs to the coming school year"],
    ["2026-06-30", 2025, "the last day of round 2025"],
    ["2026-07-01", 2026, "round 2026 has opened before the as-of date"],
  ];
  const yearOfRotation = yearsOfCases(rounds.map(([start]) => start));
  it.each(rounds)("a rotation starting %s counts toward %s (%s)", async (start, year) => {
    expect(await yearOfRotation(start)).toEqual([year]);
  });

  const lateRounds: [string, number][] = [
    ["2025-08-14", 2024],
    ["2025-08-15", 2025],
  ];
  const yearOfLateRotation = yearsOfCases(lateRounds.map(([start]) => start), policyWith((rules) => { rules["ROT-YEAR"]!.round_opens = "08-15"; }));
  it.each(lateRounds)("with round_opens 08-15, a rotation starting %s counts toward %s", async (start, year) => {
    expect(await yearOfLateRotation(start)).toEqual([year]);
  });

  it.each([
    ["2026-06-29", false, "the round's last day is still to come"],
    ["2026-06-30", true, "as of the round's last day, the round is complete"],
  ])("as of %s round 2025 is_complete %s (%s)", async (asOf, complete) => {
    expect(await row(county(3), "S1", 2025, asOf)).toMatchObject({ is_complete: complete, round_opens_on: "2025-07-01", round_ends_on: "2026-06-30" });
  });
});

describe("rotation_compliance: eligibility on the round's eve; ages on Y-08-31, years through it (ROT-YEAR)", () => {
  const one = (extra: Row, joined: string, more: Partial<Given> = {}): Given => ({
    staff: [person("T1", extra)], appointments: [post("T1", "S1", joined)], rotations: [send("X", "2019-09-01")], ...more,
  });
  const eves = [
    [{}, "2016-09-01", 1, "9 full school years by the end of 2025-08-31: 满9年"],
    [{}, "2016-09-02", 0, "a day short of 9 years"],
    [{ birth_date: "1970-08-31" }, "2010-09-01", 1, "a man turning 55 on 2025-08-31 is 55周岁及以下"],
    [{ birth_date: "1969-08-31" }, "2010-09-01", 0, "a man turning 56 on 2025-08-31 is over the cap"],
    [{ gender: "F", birth_date: "1975-08-31" }, "2010-09-01", 1, "a woman turning 50 on 2025-08-31"],
    [{ gender: "F", birth_date: "1974-08-31" }, "2010-09-01", 0, "a woman turning 51 on 2025-08-31"],
  ] as [Row, string, number, string][];
  const eveRow = rowOfCases(eves.map(([extra, joined]) => one(extra, joined)));
  it.each(eves)("%j joined %s → eligible %s for 2025 (%s)", async (extra, joined, eligible) => {
    expect(await eveRow(one(extra, joined))).toMatchObject({ eligible });
  });

  const principals: [string, number, string][] = [
    ["2016-09-01", 1, "the third term ends on 2025-08-31: 满三届 for round 2025"],
    ["2016-09-02", 0, "a day short of three terms"],
  ];
  const principal = (start: string): Given =>
    ({ staff: [person("P1", { birth_date: "1976-05-12" })], appointments: [post("P1", "S1", start, { post: "principal" })], rotations: [send("X", "2019-09-01")] });
  const principalRow = rowOfCases(principals.map(([start]) => principal(start)));
  it.each(principals)("a principal since %s → %s eligible leaders for 2025 (%s)", async (start, leaders) => {
    expect(await principalRow(principal(start))).toMatchObject({ eligible: 0, eligible_leaders: leaders });
  });

  it("a teacher who moved on 2025-07-15 is judged where the records of 2025-06-30 put them, and counts as sent eligible", async () => {
    const given: Given = {
      staff: [person("T1")],
      appointments: [post("T1", "S1", "2010-09-01", { end_date: "2025-07-14" }), post("T1", "S2", "2025-07-15", { method: "rotation" })],
      rotations: [send("T1", "2025-07-15")],
    };
    expect(await row(given)).toMatchObject({ eligible: 1, rotated: 1, rotated_eligible: 1, met: true });
    expect(await row(given, "S2")).toMatchObject({ eligible: 0 });
  });

  it("someone appointed after the eve is not eligible there that year", async () => {
    const given: Given = {
      staff: [person("T1")],
      appointments: [post("T1", "S2", "2010-09-01", { end_date: "2025-07-09" }), post("T1", "S1", "2025-07-10")],
      rotations: [send("X", "2019-09-01")],
    };
    expect(await row(given, "S2")).toMatchObject({ eligible: 1 });
    expect(await row(given, "S1")).toMatchObject({ eligible: 0 });
  });

  const exemptions: [string, string, number, string][] = [
    ["2024-09-01", "2025-08-31", 0, "valid on 2025-08-31: exempt, not eligible"],
    ["2024-09-01", "2025-08-30", 1, "ended the day before"],
    ["2025-08-31", "2026-08-30", 0, "starts on 2025-08-31"],
    ["2025-09-01", "2026-08-31", 1, "starts the day after"],
  ];
  const exempted = (start_date: string, end_date: string): Given =>
    one({}, "2010-09-01", { exemptions: [{ staff_id: "T1", reason: "illness", start_date, end_date }] });
  const exemptedRow = rowOfCases(exemptions.map(([start, end]) => exempted(start, end)));
  it.each(exemptions)("an exemption %s … %s → eligible %s (%s)", async (start_date, end_date, eligible) => {
    expect(await exemptedRow(exempted(start_date, end_date))).toMatchObject({ eligible });
  });
});

describe("rotation_compliance: ROT-BACKBONE over everyone sent", () => {
  function withYoungBackbone(moved: number): Given {
    const given = county(moved);
    given.staff!.push(person("B1", { birth_date: "1998-01-01", backbone: "rising_star" }));
    given.appointments!.push(post("B1", "S1", "2021-09-01", { end_date: "2025-08-31" }), post("B1", "S2", "2025-09-01"));
    given.rotations!.push(send("B1", "2025-09-01"));
    return given;
  }
  const shares: [number, number, boolean, string][] = [
    [4, 0.2, true, "1 backbone of 5 sent is exactly 20 %, though the backbone teacher was not eligible"],
    [5, 1 / 6, false, "1 of 6 is below 20 %"],
  ];
  const shareRow = rowOfCases(shares.map(([moved]) => withYoungBackbone(moved)));
  it.each(shares)("%s eligible and a young backbone teacher sent → share %s, met %s (%s)", async (moved, share, met) => {
    expect(await shareRow(withYoungBackbone(moved))).toMatchObject({ rotated: moved + 1, backbone_rotated: 1, backbone_share: share, backbone_target: 0.2, backbone_met: met });
  });
});

describe("rotation_compliance: remote and phase-in schools (ROT-REMOTE)", () => {
  const schools = (extra: Row): Row[] => [
    { school_id: "S1", name: "城区实验小学", level: "primary", location: "urban", tier: "strong", ...extra },
    { school_id: "S2", name: "乡村中心小学", level: "primary", location: "rural", tier: "weak" },
  ];
  it("a remote school has no target to meet; the county owes nothing for it", async () => {
    const rows = await compliance({ ...county(1), schools: schools({ remote: true }) });
    expect(rows.find((r) => r.school_id === "S1" && r.school_year === 2025)).toMatchObject({
      eligible: 20, rotated: 1, met: null, target_applies: false, target_exception: "remote",
    });
    expect(rows.find((r) => r.school_id === "ALL" && r.school_year === 2025)).toMatchObject({ eligible: 20, target: 0, met: true });
  });
  /** county(1) with rotations since 2019, so that years before the phase-in are judged too. */
  const since2019 = (): Given => {
    const given = county(1);
    given.rotations!.push({ ...send("X", "2019-09-01"), to_school_id: "S2" });
    return given;
  };
  // the cases differ only in the school year they read: one build
  const phasingIn: Given = { ...since2019(), schools: schools({ phase_in_until: 2025 }) };
  const phaseInRow = rowOfCases([phasingIn]);
  it.each([
    [2025, null, "phase_in", "phase_in_until itself: not judged"],
    [2021, null, "phase_in", "the first of the phase-in's 5 years (2021–2025)"],
    [2020, false, null, "before the phase-in: judged"],
    [2026, false, null, "after it: judged again"],
  ] as [number, boolean | null, string | null, string][])("phase_in_until 2025: school year %s → met %s, exception %s (%s)", async (year, met, exception) => {
    expect(await phaseInRow(phasingIn, "S1", year)).toMatchObject({ met, target_exception: exception });
  });
});

describe("rotation_compliance: ROT-RATIO-ALT (switched on)", () => {
  const alt = policyWith((rules) => { rules["ROT-RATIO-ALT"]!.enabled = true; });
  /** 20 eligible, 4 of them backbone (T1–T4): backbone must send 15 % of 4 (1), ordinary 10 % of 16 (2). */
  function sent(backbone: number, ordinary: number): Given {
    const given = county(0, { backbone: 4 });
    const ids = [...Array.from({ length: backbone }, (_, i) => `T${i + 1}`), ...Array.from({ length: ordinary }, (_, i) => `T${i + 5}`)];
    for (const id of ids) given.rotations!.push(send(id, "2025-09-01", { type: "group", relation_moved: false }));
    return given;
  }
  const groups: [number, number, boolean, string][] = [
    [1, 2, true, "each group reaches its share"],
    [0, 3, false, "no backbone teacher sent: the backbone group fails"],
    [1, 1, false, "1 of 16 ordinary teachers is below 10 %"],
  ];
  const groupRow = rowOfCases(groups.map(([backbone, ordinary]) => sent(backbone, ordinary)), alt);
  it.each(groups)("%s backbone and %s ordinary sent → met %s (%s)", async (backbone, ordinary, met) => {
    expect(await groupRow(sent(backbone, ordinary))).toMatchObject({
      eligible: 20, eligible_backbone: 4, rotated: backbone + ordinary, met, target: 0.11, is_alt: true, leader_target: 0.3, leader_rule_id: "ROT-RATIO-ALT",
    });
  });
});

describe("rotation_compliance: ROT-BAR and ROT-SERVE", () => {
  const bars: [number, number, string][] = [
    [2022, 1, "不合格 in 2022 is within the 3 appraisal years before round 2025 (2022–2024)"],
    [2021, 0, "2021 is before them"],
  ];
  const receiving = (year: number): Given => {
    const given = county(0);
    given.staff.push(person("B1"));
    given.appointments.push(post("B1", "S2", "2015-09-01", { end_date: "2025-08-31" }), post("B1", "S1", "2025-09-01"));
    given.rotations.push({ ...send("B1", "2025-09-01"), from_school_id: "S2", to_school_id: "S1" });
    given.appraisals.push({ staff_id: "B1", year, grade: "incompetent" });
    return given;
  };
  const receivingRow = rowOfCases(bars.map(([year]) => receiving(year)));
  it.each(bars)("received someone appraised 不合格 in %s → received_barred %s (%s)", async (year, barred) => {
    expect(await receivingRow(receiving(year))).toMatchObject({ received_barred: barred, rotated_in: 1 });
  });

  const three: Row[] = [
    { school_id: "S1", name: "城区实验小学", level: "primary", location: "urban", tier: "strong" },
    { school_id: "S2", name: "乡村中心小学", level: "primary", location: "rural", tier: "weak" },
    { school_id: "S3", name: "镇中学", level: "junior", location: "town", tier: "general" },
  ];
  const services: [string, string, boolean, string, number, string][] = [
    ["transfer", "S3", true, "2024-08-30", 1, "a transfer to a town school owes 3 years: left a day short"],
    ["transfer", "S3", true, "2024-08-31", 0, "served exactly 3 years (不少于3年)"],
    ["transfer", "S2", true, "2023-08-30", 1, "to a rural school: 2 years owed, left a day short"],
    ["transfer", "S2", true, "2023-08-31", 0, "to a rural school: exactly 2 years"],
    ["support_teaching", "S3", false, "2023-08-31", 0, "支教 owes 2 years wherever it goes"],
    ["group", "S3", false, "2022-08-31", 1, "集团内交流 for one year, 3 owed"],
    ["secondment", "S3", false, "2022-08-31", 0, "挂职锻炼 is a training posting: no service period"],
  ];
  const served = (type: string, to: string, moved: boolean, lastDay: string): Given => ({
    schools: three,
    staff: [person("R1")],
    appointments: moved
      ? [post("R1", "S1", "2010-09-01", { end_date: "2021-08-31" }), post("R1", to, "2021-09-01", { end_date: lastDay }), post("R1", "S1", dayAfter(lastDay))]
      : [post("R1", "S1", "2010-09-01")],
    rotations: [{ staff_id: "R1", from_school_id: "S1", to_school_id: to, start_date: "2021-09-01", type, relation_moved: moved, ...(moved ? {} : { end_date: lastDay }) }],
  });
  const cases = services.map(([type, to, moved, lastDay]) => served(type, to, moved, lastDay));
  const servedRow = rowOfCases(cases);
  const leftEarlyOf = casesBuiltTogether(cases, "2026-09-01", "select * from rotation_left_early");
  it.each(services)("%s into %s (relation moved %s) ending %s → left_early %s (%s)", async (type, to, moved, lastDay, leftEarly) => {
    const given = served(type, to, moved, lastDay);
    expect(await servedRow(given, to, Number(lastDay.slice(0, 4)))).toMatchObject({ left_early: leftEarly });
    expect(await leftEarlyOf(given)).toHaveLength(leftEarly);
  });
});

describe("rotation_tiers (ROT-TIERS)", () => {
  const schools = (strong: number, weak: number): Row[] =>
    Array.from({ length: 10 }, (_, i) => ({
      school_id: `S${i}`, name: `学校${i}`, level: "primary", location: "rural", tier: i < strong ? "strong" : i < strong + weak ? "weak" : "general",
    }));
  it.each([
    [3, 2, true, true, "3 of 10 strong is exactly 30 %: 不超过 includes it"],
    [4, 3, false, true, "4 of 10 is over"],
    [1, 4, true, false, "4 of 10 weak is over"],
  ])("%s strong and %s weak of 10 → strong within %s, weak within %s (%s)", async (strong, weak, strongOk, weakOk) => {
    const rows = await query({ schools: schools(strong, weak) }, "2026-09-01", "select tier, schools, all_schools, max_share, within from rotation_tiers");
    expect(rows).toEqual([
      { tier: "strong", schools: strong, all_schools: 10, max_share: 0.3, within: strongOk },
      { tier: "general", schools: 10 - strong - weak, all_schools: 10, max_share: null, within: null },
      { tier: "weak", schools: weak, all_schools: 10, max_share: 0.3, within: weakOk },
    ]);
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
      // the same person twice in a round counts once
      move("A", "S1", "S2", "2026-03-01", "support_teaching"),
      move("B", "S2", "S1", "2025-10-01", "group"),
      // 校内轮岗 does not cross schools
      move("C", "S1", "S1", "2025-11-01", "internal"),
      // starts after the as-of date: not seen
      move("D", "S1", "S2", "2026-09-02"),
    ],
  };

  it("counts people whose between-school rotation starts in the round, per school and for the county", async () => {
    const rows = await compliance(given);
    expect(rows.map((r) => [r.school_id, r.school_year, r.rotated_in, r.rotated_out])).toEqual([
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
    expect(rows.find((r) => r.school_id === "S2" && r.school_year === 2025)).toMatchObject({ rotated_in: 1, rotated_out: 0 });
    expect(rows.find((r) => r.school_id === "ALL" && r.school_year === 2025)).toMatchObject({ rotated_in: 1, rotated_out: 1 });
  });
});

describe("reverse_flow (ROT-NO-REVERSE)", () => {
  const move = (id: string, from: string, to: string, start: string): Row => ({
    staff_id: id, from_school_id: from, to_school_id: to, start_date: start, type: "group", relation_moved: false,
  });
  it.each([
    [2, 1, true, "more backbone teachers from strong to weak than back"],
    [1, 1, false, "equal is not enough: 多于 is strict"],
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
      // in June 2025: still round 2024
      rotations.push(move(`U${i}`, "S2", "S1", "2025-06-01"));
    }
    // an ordinary teacher going up never counts
    staff.push(person("O1"));
    appointments.push(post("O1", "S2", "2010-09-01"));
    rotations.push(move("O1", "S2", "S1", "2024-10-01"));
    const rows = await query({ staff, appointments, rotations }, "2026-09-01", "select * from reverse_flow where school_year = 2024");
    expect(rows[0]).toMatchObject({ backbone_strong_to_other: down, backbone_other_to_strong: up, ok, rule_id: "ROT-NO-REVERSE" });
  });
});
