/**
 * APT-ESTABLISHMENT (cadre_establishment), APT-PRINCIPAL (appointment_checks) and APT-TRIAL
 * (pending_exits' trial_end) on given rows: boundary tables with the reason in each row.
 */
import { describe, expect, it } from "vitest";
import { casesBuiltTogether, person, policyWith, post, query, type Given, type Row } from "./given.ts";

const asOf = "2026-09-01";
const schools: Row[] = [
  { school_id: "J1", name: "城关初级中学", level: "junior", location: "urban", tier: "general" },
  { school_id: "K1", name: "城关幼儿园", level: "kindergarten", location: "urban", tier: "general" },
  { school_id: "C1", name: "县第一中学", level: "complete", location: "urban", tier: "strong" },
];
const establishmentSql = "select * from cadre_establishment order by school_id, post_rank, department";
const establishment = (given: Given, options?: Parameters<typeof query>[3]) => query({ schools, ...given }, asOf, establishmentSql, options);
/** `establishment` for a table of cases, in one build: call it with the case's given (without the schools). */
const establishmentsOfCases = (cases: Given[]) => {
  const rowsOf = casesBuiltTogether(cases.map((given) => ({ schools, ...given })), asOf, establishmentSql);
  return (given: Given) => rowsOf({ schools, ...given });
};
const vicePrincipals = (count: number, school = "J1", extra: Row = {}) =>
  Array.from({ length: count }, (_, index) => post(`V${index}`, school, "2022-09-01", { post: "vice_principal", ...extra }));
const staffFor = (given: Row[]) => [...new Set(given.map((row) => row.staff_id as string))].map((id) => person(id));

describe("cadre_establishment (APT-ESTABLISHMENT)", () => {
  const counts: [number, number, boolean, number | null, string][] = [
    [1, 2, false, 1, "one of two: a vacancy"],
    [2, 2, false, null, "exactly the approved number: neither over nor vacant"],
    [3, 2, true, null, "one more than approved: over"],
  ];
  const withVicePrincipals = (count: number): Given => {
    const appointments = vicePrincipals(count);
    return { staff: staffFor(appointments), appointments };
  };
  const countedEstablishment = establishmentsOfCases(counts.map(([count]) => withVicePrincipals(count)));
  it.each(counts)("%i vice principals of a junior school (default %i) → over %s, vacant %s (%s)", async (count: number, approved: number, over: boolean, vacant: number | null, _why: string) => {
    const [row] = (await countedEstablishment(withVicePrincipals(count))).filter((r) => r.school_id === "J1" && r.post === "vice_principal");
    expect(row).toMatchObject({ approved, in_post: count, over, vacant, source: "policy", rule_id: "APT-ESTABLISHMENT" });
  });

  const offices: [string | null, string | null, number, boolean, string][] = [
    ["教导处", "教导处", 1, false, "the office by its own name"],
    ["教务处", "教导处", 1, false, "教务处 counts as 教导处 (the policy's alias)"],
    [" 教导处 ", "教导处", 1, false, "spaces around the name do not make another office"],
    ["教科室", "教科室", 0, true, "an office the junior default does not name has no approved head"],
    [null, null, 0, true, "a middle head without an office cannot hold an approved office post"],
  ];
  const headOf = (department: string | null): Given => ({ staff: [person("M1")], appointments: [post("M1", "J1", "2022-09-01", { post: "middle_head", department })] });
  const officeEstablishment = establishmentsOfCases(offices.map(([department]) => headOf(department)));
  it.each(offices)("a middle head of %j at a junior school → office %j approved %i, over %s (%s)", async (department: string | null, office: string | null, approved: number, over: boolean, _why: string) => {
    const rows = await officeEstablishment(headOf(department));
    const row = rows.find((r) => r.school_id === "J1" && r.post === "middle_head" && r.department === office);
    expect(row).toMatchObject({ approved, in_post: 1, over });
  });

  it("a post held by two people over an approved one names both, and the approved number's source", async () => {
    const appointments = [
      post("P1", "J1", "2020-09-01", { post: "principal" }),
      post("P2", "J1", "2025-09-01", { post: "principal" }),
      post("P3", "J1", "2010-09-01", { post: "principal", end_date: "2020-08-31" }),
    ];
    const [row] = (await establishment({ staff: staffFor(appointments), appointments })).filter((r) => r.school_id === "J1" && r.post === "principal");
    expect(row).toMatchObject({ approved: 1, in_post: 2, over: true, vacant: null, staff_ids: "P1、P2" });
    expect(row!.explanation).toBe("校长：按初中默认职数（政策文件，本地选择）1名，在岗2名（P1、P2），超职数1名，严禁超职数配备（APT-ESTABLISHMENT）");
  });

  it("one person holding two posts counts in each", async () => {
    const appointments = [post("P1", "J1", "2020-09-01", { post: "principal" }), post("P1", "J1", "2020-09-01", { post: "party_secretary" })];
    const rows = await establishment({ staff: [person("P1")], appointments });
    expect(rows.filter((r) => r.school_id === "J1" && r.in_post === 1).map((r) => r.post)).toEqual(["principal", "party_secretary"]);
    // a junior school's default names no party secretary: holding one is over establishment
    expect(rows.find((r) => r.school_id === "J1" && r.post === "party_secretary")).toMatchObject({ approved: 0, over: true });
  });

  it("the bureau's number overrides the default for that school and post only", async () => {
    const appointments = [...vicePrincipals(3, "J1"), ...vicePrincipals(3, "C1").map((row) => ({ ...row, staff_id: `C${row.staff_id}` }))];
    const establishments = [{ school_id: "J1", post: "vice_principal", department: null, approved: 3 }];
    const rows = await establishment({ staff: staffFor(appointments), appointments, establishments });
    const vice = (school: string) => rows.find((r) => r.school_id === school && r.post === "vice_principal");
    expect(vice("J1")).toMatchObject({ approved: 3, over: false, source: "establishments" });
    expect(vice("J1")!.explanation).toContain("教育局核定职数（职数核定文件第2行）3名");
    expect(vice("C1")).toMatchObject({ approved: 3, over: false, source: "policy" });
    expect(rows.find((r) => r.school_id === "J1" && r.post === "principal")).toMatchObject({ approved: 1, source: "policy" });
  });

  it("a school with no cadre at all still shows its approved posts as vacant; a kindergarten has no offices", async () => {
    const rows = await establishment({ staff: [], appointments: [] });
    expect(rows.filter((r) => r.school_id === "K1").map((r) => [r.post, r.approved, r.vacant])).toEqual([["principal", 1, 1], ["vice_principal", 1, 1]]);
    expect(rows.filter((r) => r.school_id === "C1" && r.post === "middle_head").map((r) => r.department).sort()).toEqual(["办公室", "总务处", "政教处", "教导处"].sort());
  });

  it("the defaults and aliases come from the policy file", async () => {
    const policy = policyWith((rules) => {
      (rules["APT-ESTABLISHMENT"]!.junior as Record<string, unknown>).vice_principal = 4;
      (rules["APT-ESTABLISHMENT"]!.junior as Record<string, unknown>).offices = "教导处、教科室";
      rules["APT-ESTABLISHMENT"]!.office_aliases = "教研室=教科室";
    });
    const appointments = [...vicePrincipals(3), post("M1", "J1", "2022-09-01", { post: "middle_head", department: "教研室" })];
    const rows = await establishment({ staff: staffFor(appointments), appointments }, { policy });
    expect(rows.find((r) => r.post === "vice_principal" && r.school_id === "J1")).toMatchObject({ approved: 4, vacant: 1 });
    expect(rows.find((r) => r.post === "middle_head" && r.department === "教科室")).toMatchObject({ approved: 1, in_post: 1, over: false });
    expect(rows.some((r) => r.school_id === "J1" && r.department === "总务处")).toBe(false);
  });
});

describe("appointment_checks: APT-PRINCIPAL", () => {
  const principalSql = "select * from appointment_checks where rule_id = 'APT-PRINCIPAL' order by start_date";
  const principalCheck = async (staff: Row, appointments: Row[], options?: Parameters<typeof query>[3], school = "J1") => {
    const rows = await query({ schools, staff: [staff], appointments }, asOf, principalSql, options);
    return rows.filter((row) => row.school_id === school);
  };
  /** `principalCheck` at J1 for a table of cases, in one build. */
  const principalChecksOfCases = (cases: [Row, Row[]][]) => {
    const rowsOf = casesBuiltTogether(cases.map(([staff, appointments]) => ({ schools, staff: [staff], appointments })), asOf, principalSql);
    return async (staff: Row, appointments: Row[]) => (await rowsOf({ schools, staff: [staff], appointments })).filter((row) => row.school_id === "J1");
  };
  const principal = (start = "2024-09-01", extra: Row = {}) => [post("P1", "J1", start, { post: "principal", ...extra })];
  // born 1980-01-01, teaching from 2002-09-01: 22.0 years and 44 on 2024-09-01
  const base = { title: "second", education: "associate" };

  const conditions: [Row, string, boolean | null, string][] = [
    [{ ...base, teaching_start: "2019-09-01" }, "2024-09-01", true, "exactly 5.0 years of teaching (满5年 includes 5)"],
    [{ ...base, teaching_start: "2019-09-02" }, "2024-09-01", false, "one day short of 5 years"],
    [{ ...base, education: "secondary" }, "2024-09-01", false, "中专 is below a junior school's 专科"],
    [{ ...base, title: "third" }, "2024-09-01", false, "三级 is below a junior school's 二级"],
    [{ ...base, title: "unranked" }, "2024-09-01", false, "未定级 is the lowest title"],
    [{ ...base, title: null }, "2024-09-01", null, "no title: the records cannot tell"],
    [{ ...base, education: null }, "2024-09-01", null, "no education: the records cannot tell"],
    [{ ...base, title: null, education: "secondary" }, "2024-09-01", false, "a failed condition decides even when another is unknown"],
    [{ ...base, birth_date: "1968-09-02" }, "2024-09-01", true, "55 on the last day before turning 56 (55周岁以下 includes 55)"],
    [{ ...base, birth_date: "1968-09-01" }, "2024-09-01", false, "turns 56 on the start date"],
  ];
  const conditionCheck = principalChecksOfCases(conditions.map(([extra, start]) => [person("P1", extra), principal(start)]));
  it.each(conditions)("%j appointed %s → passed %s (%s)", async (extra: Row, start: string, passed: boolean | null, _why: string) => {
    const [row] = await conditionCheck(person("P1", extra), principal(start));
    expect(row).toMatchObject({ post: "principal", passed, must_rotate: false });
  });

  it("education and title depend on the school's level, and the explanation names them", async () => {
    const staff = person("P1", { education: "associate", title: "second" });
    const [row] = await principalCheck(staff, [post("P1", "C1", "2024-09-01", { post: "principal" })], undefined, "C1");
    expect(row).toMatchObject({ passed: false });
    expect(row!.explanation).toBe("校长任职条件（完全中学）：任职时教龄22.0年（≥5年）；学历专科（低于本科）；职称二级（低于一级）；任职时44周岁（≤55周岁），不符合（APT-PRINCIPAL）");
  });

  const spells: [string | null, boolean, string][] = [
    ["2020-08-31", false, "two full terms ended on 2020-08-31 and the spell stopped then: not appointed again"],
    ["2020-09-01", true, "still principal on the first day after two full terms: appointed again at the same school"],
    [null, true, "open since 2014: past two terms"],
  ];
  const since2014 = (end: string | null) => principal("2014-09-01", { end_date: end, term_years: 3 });
  const spellCheck = principalChecksOfCases(spells.map(([end]) => [person("P1", base), since2014(end)]));
  it.each(spells)("a principal since 2014-09-01 whose spell ends %s → must rotate %s (%s)", async (end: string | null, mustRotate: boolean, _why: string) => {
    const [row] = await spellCheck(person("P1", base), since2014(end));
    expect(row).toMatchObject({ must_rotate: mustRotate, passed: !mustRotate });
    if (mustRotate) expect(row!.explanation).toContain("2020-08-31任满2个聘期后仍在本校续任，再次竞聘须交流");
  });

  it.each([
    [false, 0, "off by default: a vice principal is not judged by the principal's conditions"],
    [true, 1, "switched on: the vice principal is judged too"],
  ])("deputies_follow %s → %i APT-PRINCIPAL rows for a vice principal (%s)", async (follow, count) => {
    const policy = policyWith((rules) => {
      rules["APT-PRINCIPAL"]!.deputies_follow = follow;
    });
    const rows = await principalCheck(person("P1", base), [post("P1", "J1", "2024-09-01", { post: "vice_principal" })], { policy });
    expect(rows.length).toBe(count);
  });
});

describe("pending_exits: trial_end (APT-TRIAL)", () => {
  const trialSql = "select *, strftime(due_date, '%Y-%m-%d') as due from pending_exits where exit_type = 'trial_end'";
  const hired = (first: Row, appraisals: Row[] = [], extra: Row[] = []): Given => ({ staff: [person("T1")], appointments: [first, ...extra], appraisals });
  const trial = async (first: Row, appraisals: Row[] = [], extra: Row[] = []) => (await query(hired(first, appraisals, extra), asOf, trialSql))[0];
  /** `trial` for a table of cases, in one build. */
  const trialsOfCases = (cases: Given[]) => {
    const rowsOf = casesBuiltTogether(cases, asOf, trialSql);
    return async (given: Given) => (await rowsOf(given))[0];
  };
  const trials: [Row, string, boolean, boolean | null, string][] = [
    [post("T1", "S1", "2026-03-01", { method: "new_hire" }), "2027-02-28", false, null, "新进: trial still running"],
    [post("T1", "S1", "2026-09-01", { method: "transfer_in" }), "2027-08-31", false, null, "调入 on the as-of date"],
    [post("T1", "S1", "2025-09-02", { method: "new_hire" }), "2026-09-01", false, null, "a trial ending on the as-of date is still running"],
    [post("T1", "S1", "2025-09-01", { method: "new_hire" }), "2026-08-31", true, false, "the year is up and no appraisal of it is known"],
  ];
  const untried: [Row, string][] = [
    [post("T1", "S1", "2025-09-01", { method: "competitive" }), "a competitive hire serves no trial"],
    [post("T1", "S1", "2024-09-01", { method: "new_hire" }), "a trial that ended over a year ago was decided then"],
  ];
  // the hires with no trial are built beside those with one: their missing row is not a build that found nothing
  const trialOf = trialsOfCases([...trials, ...untried].map(([first]) => hired(first)));
  it.each(trials)("%j → due %s, overdue %s, competent %s (%s)", async (first: Row, due: string, overdue: boolean, competent: boolean | null, _why: string) => {
    expect(await trialOf(hired(first))).toMatchObject({ due, overdue, trial_competent: competent, rule_id: "APT-TRIAL" });
  });

  const grades: [string, boolean][] = [
    ["competent", true],
    ["excellent", true],
    ["basic", false],
  ];
  const appraisedTrial = (grade: string) => hired(post("T1", "S1", "2025-03-01", { method: "transfer_in" }), [{ staff_id: "T1", year: 2025, grade }]);
  const appraisedTrialOf = trialsOfCases(grades.map(([grade]) => appraisedTrial(grade)));
  it.each(grades)("a trial year up with the 2025 appraisal %s → competent %s", async (grade, competent) => {
    const row = await appraisedTrialOf(appraisedTrial(grade));
    expect(row).toMatchObject({ trial_competent: competent, overdue: true });
    expect(row!.explanation).toContain(competent ? "有称职及以上等次，可以聘用" : "尚无称职及以上的考核记录");
  });

  it.each(untried)("%j → no trial row (%s)", async (first) => {
    expect(await trialOf(hired(first))).toBeUndefined();
  });

  it("only the first record at a school starts a trial", async () => {
    const earlier = post("T1", "S1", "2020-09-01", { end_date: "2026-02-28" });
    expect(await trial(post("T1", "S1", "2026-03-01", { method: "transfer_in", post: "class_teacher" }), [], [earlier])).toBeUndefined();
  });

  it("a trial beyond the horizon is not listed", async () => {
    const rows = await query({ staff: [person("T1")], appointments: [post("T1", "S1", "2026-03-01", { method: "new_hire" })] }, asOf,
      "select * from pending_exits where exit_type = 'trial_end'", { horizonMonths: 5 });
    expect(rows).toEqual([]);
  });
});
