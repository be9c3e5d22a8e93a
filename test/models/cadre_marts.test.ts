import { describe, expect, it } from "vitest";
import { casesBuiltTogether, person, policyWith, post, query, type Given } from "./given.ts";

const asOf = "2026-09-01";
const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe("cadre_tenure (ROT-MC6, ROT-MC-AGE, ROT-P3)", () => {
  const middle = (birth: string, gender: string, deputyFrom: string | null, headFrom: string): Given => ({
    staff: [person("C1", { birth_date: birth, gender })],
    appointments: [
      post("C1", "S1", "2005-09-01"),
      // the deputy record runs until the day before the head record starts
      ...(deputyFrom ? [post("C1", "S1", deputyFrom, { post: "middle_deputy", department: "德育处", end_date: dayBefore(headFrom) })] : []),
      post("C1", "S1", headFrom, { post: "middle_head", department: "德育处", end_date: "2023-08-31" }),
      post("C1", "S1", "2023-09-01", { post: "middle_head", department: "德育处" }),
    ],
  });
  const tenures: [string, string, string | null, string, number, number, boolean, string, string][] = [
    ["1982-02-02", "F", "2017-09-01", "2020-09-01", 6, 9, true, "ROT-MC6", "head exactly 6 years, 9 in the office"],
    ["1982-02-02", "F", "2017-09-02", "2020-09-02", 5.99, 8.99, false, "ROT-MC6", "a day short of both"],
    ["1985-02-02", "F", "2014-09-01", "2020-09-01", 6, 12, true, "ROT-MC6", "long in the office"],
    ["1971-12-15", "M", null, "2015-09-01", 11, 11, false, "ROT-MC-AGE", "turns 55 within one term: not rotated"],
  ];
  const tenureOf = casesBuiltTogether(tenures.map(([birth, gender, deputy, head]) => middle(birth, gender, deputy, head)), asOf, "select * from cadre_tenure");
  it.each(tenures)("born %s %s, deputy from %s, head from %s → %s years in post, %s in office, due %s", async (birth, gender, deputy, head, inPost, inOffice, due, rule, _why) => {
    const rows = await tenureOf(middle(birth, gender, deputy, head));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staff_id: "C1", post: "middle_head", department: "德育处", years_in_post: inPost, years_in_office: inOffice, rotation_due: due, rule_id: rule });
  });

  it("holds one row per cadre on the as-of date, with the highest post, not teachers", async () => {
    const rows = await query({
      staff: [person("L1"), person("T1")],
      appointments: [post("L1", "S1", "2016-09-01", { post: "vice_principal", end_date: "2020-08-31" }), post("L1", "S1", "2020-09-01", { post: "principal" }),
        post("L1", "S1", "2016-09-01", { post: "deputy_secretary" }), post("T1", "S1", "2010-09-01")],
    }, asOf, "select staff_id, post, years_in_post, years_in_school, rule_id from cadre_tenure");
    expect(rows).toEqual([{ staff_id: "L1", post: "principal", years_in_post: 6, years_in_school: 10, rule_id: "ROT-P3" }]);
  });
});

describe("appointment_checks (APT-*)", () => {
  const newDeputy = (extra: Record<string, string | null>, before: Given["appointments"] = []): Given => ({
    staff: [person("N1", { birth_date: "1990-05-05", teaching_start: "2014-09-01", ...extra })],
    appointments: [post("N1", "S1", "2014-09-01"), ...before!, post("N1", "S1", "2026-03-01", { post: "middle_deputy", department: "教科室" })],
    appraisals: [{ staff_id: "N1", year: 2024, grade: "competent" }, { staff_id: "N1", year: 2025, grade: "excellent" }],
  });
  const checksSql = "select * from appointment_checks where post in ('middle_deputy', 'middle_head') order by start_date desc";
  const firstOf = (rows: Record<string, unknown>[], rule: string) => rows.find((row) => row.rule_id === rule);
  const check = async (given: Given, rule: string) => firstOf(await query(given, asOf, checksSql), rule);
  /** `check` for a table of cases, in one build. */
  const checksOfCases = (cases: Given[]) => {
    const rowsOf = casesBuiltTogether(cases, asOf, checksSql);
    return async (given: Given, rule: string) => firstOf(await rowsOf(given), rule);
  };

  const ages: [Record<string, string>, boolean, string][] = [
    [{ gender: "M", birth_date: "1980-03-02" }, true, "a man aged 45, turning 46 the day after the start"],
    [{ gender: "M", birth_date: "1980-03-01" }, false, "a man turning 46 on the start date"],
    [{ gender: "F", birth_date: "1985-03-02" }, true, "a woman aged 40"],
    [{ gender: "F", birth_date: "1985-03-01" }, false, "a woman turning 41 on the start date"],
  ];
  const educations: [string | null, boolean | null][] = [["bachelor", true], ["postgraduate", true], ["associate", false], [null, null]];
  const teachingYears: [string, boolean, string][] = [
    ["2021-03-01", true, "exactly 5 years of teaching"],
    ["2021-03-02", false, "a day short"],
  ];
  // the three tables' new deputies in one build
  const newDeputyCheck = checksOfCases([
    ...ages.map(([extra]) => newDeputy(extra)),
    ...educations.map(([education]) => newDeputy({ education })),
    ...teachingYears.map(([teachingStart]) => newDeputy({ teaching_start: teachingStart })),
  ]);

  it.each(ages)("APT-AGE-NEW %j → %s (%s)", async (extra, passed) => {
    expect(await newDeputyCheck(newDeputy(extra), "APT-AGE-NEW")).toMatchObject({ passed });
  });

  it.each(educations)("APT-EDU %s → %s", async (education, passed) => {
    expect(await newDeputyCheck(newDeputy({ education }), "APT-EDU")).toMatchObject({ passed });
  });

  it.each(teachingYears)("APT-YEARS teaching since %s → %s (%s)", async (teachingStart, passed) => {
    expect(await newDeputyCheck(newDeputy({ teaching_start: teachingStart }), "APT-YEARS")).toMatchObject({ passed });
  });

  it("no first-appointment checks for someone who was a cadre before", async () => {
    const rows = await query(newDeputy({}, [post("N1", "S1", "2020-09-01", { post: "middle_deputy", department: "德育处", end_date: "2023-08-31" })]),
      asOf, "select rule_id from appointment_checks where start_date = '2026-03-01' order by rule_id");
    expect(rows.map((row) => row.rule_id)).toEqual(["APT-AGE-INCUMBENT", "APT-APPRAISAL", "APT-YEARS"]);
  });

  const incumbents: [string, string, string, boolean, string][] = [
    ["F", "1976-03-01", "middle_deputy", true, "a woman aged exactly 50 on the start date (50周岁以下 includes 50)"],
    ["F", "1975-03-01", "middle_deputy", false, "a woman turning 51 on the start date"],
    ["M", "1971-03-01", "middle_head", true, "a man aged exactly 55"],
    ["M", "1970-03-01", "middle_head", false, "a man turning 56 on the start date"],
  ];
  const formerCadre = (gender: string, birth: string, postCode: string): Given => ({
    staff: [person("I1", { gender, birth_date: birth, teaching_start: "2000-09-01" })],
    appointments: [post("I1", "S1", "2000-09-01"), post("I1", "S1", "2015-09-01", { post: "middle_deputy", department: "德育处", end_date: "2026-02-28" }),
      post("I1", "S1", "2026-03-01", { post: postCode, department: "办公室" })],
  });
  const incumbentCheck = checksOfCases(incumbents.map(([gender, birth, postCode]) => formerCadre(gender, birth, postCode)));
  it.each(incumbents)("APT-AGE-INCUMBENT: %s born %s, former cadre, becomes %s on 2026-03-01 → %s (%s)", async (gender, birth, postCode, passed, _why) => {
    expect(await incumbentCheck(formerCadre(gender, birth, postCode), "APT-AGE-INCUMBENT")).toMatchObject({ passed, start_date: "2026-03-01" });
  });

  it("APT-AGE-INCUMBENT does not apply to a first cadre post, nor to a leader post", async () => {
    const rows = await query({
      staff: [person("I2", { birth_date: "1960-01-01" })],
      appointments: [post("I2", "S1", "2000-09-01"), post("I2", "S1", "2010-09-01", { post: "middle_head", department: "教导处", end_date: "2016-08-31" }),
        post("I2", "S1", "2016-09-01", { post: "vice_principal" })],
    }, asOf, "select post, rule_id from appointment_checks where rule_id in ('APT-AGE-NEW', 'APT-AGE-INCUMBENT') order by post");
    expect(rows).toEqual([{ post: "middle_head", rule_id: "APT-AGE-NEW" }]);
  });

  it("APT-EDU names the degree the policy asks for (本科 by default, not written in SQL)", async () => {
    const policy = policyWith((rules) => { rules["APT-EDU"]!.min_education = "associate"; });
    const [row] = await query(newDeputy({ education: "secondary" }), asOf, "select passed, explanation from appointment_checks where rule_id = 'APT-EDU'", { policy });
    expect(row).toEqual({ passed: false, explanation: "首次任干部，学历中专/高中（低于专科），不符合（APT-EDU）" });
    const [defaultRow] = await query(newDeputy({}), asOf, "select explanation from appointment_checks where rule_id = 'APT-EDU'");
    expect(defaultRow!.explanation).toBe("首次任干部，学历本科（不低于本科），符合（APT-EDU）");
  });

  it.each([
    ["2024-09-01", true, "a year as deputy"],
    ["2024-09-02", false, "a day short of a year"],
  ])("APT-DEPUTY-FIRST deputy from %s → %s (%s)", async (deputyFrom, passed) => {
    const given: Given = {
      staff: [person("H1", { teaching_start: "2010-09-01" })],
      appointments: [post("H1", "S1", "2010-09-01"), post("H1", "S1", deputyFrom, { post: "middle_deputy", department: "办公室", end_date: "2025-08-31" }),
        post("H1", "S1", "2025-09-01", { post: "middle_head", department: "办公室" })],
    };
    expect(await check(given, "APT-DEPUTY-FIRST")).toMatchObject({ passed, start_date: "2025-09-01" });
  });

  it.each([
    [["competent", "excellent"], true],
    [["competent", "basic"], false],
    [["excellent"], null],
  ])("APT-APPRAISAL grades %j in the 2 years before → %s", async (grades, passed) => {
    const given = newDeputy({});
    given.appraisals = grades.map((grade, index) => ({ staff_id: "N1", year: 2025 - index, grade }));
    expect(await check(given, "APT-APPRAISAL")).toMatchObject({ passed });
  });
});
