import { describe, expect, it } from "vitest";
import { casesBuiltTogether, person, post, query, type Given, type Row } from "./given.ts";

const asOf = "2026-09-01";
const exitsSql = "select staff_id, post, exit_type, strftime(due_date, '%Y-%m-%d') as due_date, rule_id, overdue, explanation from pending_exits order by exit_type";
const exits = (given: Given, horizonMonths = 36) => query(given, asOf, exitsSql, { horizonMonths });
/** `exits` for a table of cases, in one build. */
const exitsOfCases = (cases: Given[]) => casesBuiltTogether(cases, asOf, exitsSql);

/** A middle deputy of 教导处 since 2020 (term records renewed) who also teaches. */
const middleDeputy = (extra: Row = {}): Given => ({
  staff: [person("C1", { birth_date: "1985-05-05", ...extra })],
  appointments: [
    post("C1", "S1", "2010-09-01"),
    post("C1", "S1", "2020-09-01", { post: "middle_deputy", department: "教导处", end_date: "2023-08-31", term_years: 3 }),
    post("C1", "S1", "2023-09-01", { post: "middle_deputy", department: "教导处", term_years: 3 }),
  ],
});

describe("pending_exits: democratic evaluation (EXIT-VOTES)", () => {
  const votes = (excellent: number, competent: number, basic: number, incompetent: number, cast = 50, expected = 50): Row => ({
    staff_id: "C1", year: 2025, grade: "competent", votes_expected: expected, votes_cast: cast,
    votes_excellent: excellent, votes_competent: competent, votes_basic: basic, votes_incompetent: incompetent,
  });
  const ballots: [Row, boolean, string][] = [
    [votes(10, 20, 12, 8), false, "exactly 60 % excellent + competent: not below the line"],
    [votes(10, 19, 13, 8), true, "29 of 50 = 58 %: below 60 %"],
    [votes(20, 39, 30, 11, 100, 100), true, "59 % approval"],
    [votes(15, 20, 0, 15), false, "exactly 30 % incompetent: not above the line"],
    [votes(20, 49, 0, 31, 100, 100), true, "31 % incompetent"],
    [votes(10, 10, 10, 20, 50, 80), false, "50 of 80 took part (< 2/3): the evaluation is not valid"],
    [votes(10, 10, 10, 20, 54, 80), true, "54 of 80 took part (≥ 2/3): valid"],
    [votes(4, 4, 4, 8, 20, 30), true, "20 of 30 took part: exactly 2/3 is enough (APT-QUORUM, compared exactly)"],
    [votes(4, 4, 4, 7, 19, 30), false, "19 of 30 took part: below 2/3, not valid"],
  ];
  const evaluated = (appraisal: Row): Given => ({ ...middleDeputy(), appraisals: [appraisal] });
  const exitsOf = exitsOfCases(ballots.map(([appraisal]) => evaluated(appraisal)));
  it.each(ballots)("%j → flagged %s (%s)", async (appraisal, flagged) => {
    const rows = (await exitsOf(evaluated(appraisal))).filter((row) => row.exit_type === "vote_dismissal");
    expect(rows.length).toBe(flagged ? 1 : 0);
    if (flagged) expect(rows[0]).toMatchObject({ rule_id: "EXIT-VOTES", due_date: "2025-12-31", overdue: true });
  });

  it("explains the shares", async () => {
    const [row] = (await exits({ ...middleDeputy(), appraisals: [votes(10, 19, 13, 8)] })).filter((r) => r.exit_type === "vote_dismissal");
    expect(row!.explanation).toBe("2025年民主测评有效票50张，优秀和称职29张（58%<60%），不称职8张（16%≤30%），可解聘（EXIT-VOTES）；须提前30日书面通知本人（EXIT-NOTICE）");
  });

  it("an evaluation from before the look-back window does not count", async () => {
    const old = { ...votes(10, 19, 13, 8), year: 2023 };
    expect((await exits({ ...middleDeputy(), appraisals: [old] })).some((r) => r.exit_type === "vote_dismissal")).toBe(false);
  });
});

describe("pending_exits: appraisal, exit age, term and probation", () => {
  const grades: [string, number, boolean][] = [
    ["incompetent", 2025, true],
    ["incompetent", 2024, true],
    ["basic", 2025, false],
    ["incompetent", 2019, false],
  ];
  const appraised = (grade: string, year: number): Given => ({ ...middleDeputy(), appraisals: [{ staff_id: "C1", year, grade }] });
  const appraisedExits = exitsOfCases(grades.map(([grade, year]) => appraised(grade, year)));
  it.each(grades)("appraised %s in %s → dismissal %s (EXIT-APPRAISAL)", async (grade, year, flagged) => {
    const rows = await appraisedExits(appraised(grade, year));
    expect(rows.some((row) => row.exit_type === "appraisal_dismissal" && row.rule_id === "EXIT-APPRAISAL")).toBe(flagged);
  });

  const ages: [string, string, string, boolean][] = [
    ["M", "1971-12-15", "2026-12-15", false],
    ["F", "1975-01-20", "2027-01-20", false],
    ["F", "1974-03-05", "2026-03-05", true],
  ];
  const agedExits = exitsOfCases(ages.map(([gender, birth]) => middleDeputy({ gender, birth_date: birth })));
  it.each(ages)("middle cadre %s born %s leaves the cadre post on %s (overdue %s, EXIT-MC-AGE)", async (gender, birth, date, overdue) => {
    const rows = await agedExits(middleDeputy({ gender, birth_date: birth }));
    expect(rows.find((row) => row.exit_type === "cadre_age")).toMatchObject({ due_date: date, overdue, rule_id: "EXIT-MC-AGE" });
  });

  const probations: [string | null, string, string][] = [
    [null, "2027-02-28", "empty 试用期满: start + 1 year of probation for a first cadre post"],
    ["2026-12-31", "2026-12-31", "a given 试用期满 wins"],
  ];
  const onProbation = (probation: string | null): Given => ({
    staff: [person("N1")],
    appointments: [post("N1", "S1", "2010-09-01"), post("N1", "S1", "2026-03-01", { post: "middle_deputy", department: "德育处", probation_end: probation })],
  });
  const probationExits = exitsOfCases(probations.map(([probation]) => onProbation(probation)));
  it.each(probations)("probation_end %s → due %s (%s)", async (probation, due, _why) => {
    const rows = await probationExits(onProbation(probation));
    expect(rows.find((row) => row.exit_type === "probation_end")).toMatchObject({ due_date: due, rule_id: "APT-TERM", overdue: false });
  });
});

describe("pending_exits: statutory retirement and the horizon", () => {
  const teacher = (gender: string, birth: string, postCode = "teacher"): Given => ({
    staff: [person("R1", { gender, birth_date: birth })], appointments: [post("R1", "S1", "1995-09-01", { post: postCode })],
  });
  const retirements: [string, string, string, string, boolean][] = [
    ["M", "1964-02-10", "teacher", "2024-02-01", true],
    ["F", "1975-03-08", "service", "2025-05-01", true],
    ["M", "1966-06-01", "teacher", "2026-11-01", false],
    ["F", "1972-06-15", "teacher", "2028-02-01", false],
  ];
  const retirementExits = exitsOfCases(retirements.map(([gender, birth, postCode]) => teacher(gender, birth, postCode)));
  it.each(retirements)("%s born %s (%s) retires %s, overdue %s", async (gender, birth, postCode, date, overdue) => {
    const rows = await retirementExits(teacher(gender, birth, postCode));
    expect(rows.find((row) => row.exit_type === "retirement")).toMatchObject({ due_date: date, overdue, rule_id: "EXIT-RETIRE" });
  });

  it.each([
    [16, false, "2028-02-01 is after a 16-month horizon (ends 2028-01-01)"],
    [17, true, "and on the last day of a 17-month one (ends 2028-02-01)"],
  ])("horizon %s months → listed %s (%s)", async (horizon, listed) => {
    const rows = await exits(teacher("F", "1972-06-15"), horizon);
    expect(rows.some((row) => row.exit_type === "retirement")).toBe(listed);
  });

  it("someone who already left is not pending", async () => {
    const rows = await exits({
      staff: [person("R1", { gender: "F", birth_date: "1971-04-20" })],
      appointments: [post("R1", "S1", "2000-09-01", { end_date: "2026-07-31" })],
    });
    expect(rows).toEqual([]);
  });
});

describe("pending_exits: the term running on the as-of date (EXIT-TERM) and the last allowed term (APT-TERM-MAX)", () => {
  const cadre = (postCode: string, spellStart: string): Given => ({
    staff: [person("K1", { birth_date: "1978-05-05" })],
    appointments: [post("K1", "S1", "2000-09-01"),
      post("K1", "S1", spellStart, { post: postCode, department: postCode.startsWith("middle") ? "教导处" : null })],
  });
  const terms = [
    ["principal", "2012-09-01", "term_end", "2027-08-31", false, "EXIT-TERM", "a 2012 spell open today is in its 5th term (2024-09-01 – 2027-08-31), not one that ended in 2015"],
    ["middle_deputy", "2021-09-01", "term_end", "2027-08-31", false, "EXIT-TERM", "second term of a middle deputy"],
    ["middle_head", "2020-09-02", "term_end", "2026-09-01", false, "EXIT-TERM", "the second term ends on the as-of date itself: due today, not overdue, not yet the third"],
    ["middle_head", "2020-09-01", "term_limit", "2029-08-31", false, "APT-TERM-MAX", "six full years: the third term began on the as-of date and is the last allowed"],
    ["middle_head", "2014-09-01", "term_limit", "2023-08-31", true, "APT-TERM-MAX", "twelve years in the post: the third term ended 2023-08-31, overdue"],
    ["principal", "2014-09-01", "term_end", "2029-08-31", false, "EXIT-TERM", "the term limit is a middle-cadre rule (002 篇十一); leaders rotate by ROT-P3 instead"],
  ] as const;
  const termExits = exitsOfCases(terms.map(([postCode, start]) => cadre(postCode, start)));
  it.each(terms)("%s since %s → %s due %s (overdue %s, %s: %s)", async (postCode, start, exitType, due, overdue, rule, _why) => {
    const rows = (await termExits(cadre(postCode, start))).filter((row) => String(row.exit_type).startsWith("term_"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ exit_type: exitType, due_date: due, overdue, rule_id: rule });
  });

  it("renewal records of the same post are one spell: terms count from its first start", async () => {
    const rows = await exits(middleDeputy());
    // 2020-09-01 – 2023-08-31 and 2023-09-01 – open: the third term runs 2026-09-01 – 2029-08-31
    expect(rows.find((row) => String(row.exit_type).startsWith("term_"))).toMatchObject({ exit_type: "term_limit", due_date: "2029-08-31", overdue: false });
  });

  it("a record's own 聘期 sets the term length", async () => {
    const rows = await exits({
      staff: [person("K1")],
      appointments: [post("K1", "S1", "2000-09-01"), post("K1", "S1", "2022-09-01", { post: "vice_principal", term_years: 5 })],
    });
    const [row] = rows.filter((r) => r.exit_type === "term_end");
    expect(row).toMatchObject({ due_date: "2027-08-31" });
    expect(row!.explanation).toBe("副校长自2022-09-01起连续任职，聘期5年，现为第1个聘期（2022-09-01起），2027-08-31届满，须重新竞聘（EXIT-TERM）；须提前30日书面通知本人（EXIT-NOTICE）");
  });
});

describe("pending_exits: dismissals barred by a protection (EXIT-PROTECT)", () => {
  const protectedSql = "select staff_id, exit_type, protected, strftime(protected_until, '%Y-%m-%d') as protected_until, explanation from pending_exits order by exit_type";
  const incompetent: Row = { staff_id: "C1", year: 2025, grade: "incompetent" };
  const withExemptions = (exemptions: Row[], appraisal = incompetent): Given => ({ ...middleDeputy({ gender: "F" }), appraisals: [appraisal], exemptions });
  const exemption = (reason: string, start: string, end: string): Row => ({ staff_id: "C1", reason, start_date: start, end_date: end });
  const protections: [Row[], boolean, string | null, string][] = [
    [[exemption("pregnancy", "2026-05-01", "2027-01-31")], true, "2027-01-31", "孕期 valid on the as-of date"],
    [[exemption("maternity", "2026-09-01", "2026-12-31")], true, "2026-12-31", "产期 starting on the as-of date"],
    [[exemption("injury_on_duty", "2025-01-01", "2026-09-01")], true, "2026-09-01", "工伤 ending on the as-of date still holds that day"],
    [[exemption("nursing", "2025-09-01", "2026-08-31")], false, null, "哺乳期 ended the day before"],
    [[exemption("pregnancy", "2026-09-02", "2027-03-31")], false, null, "starts the day after: not known on the as-of date"],
    [[exemption("signature_course", "2025-09-01", "2027-08-31")], false, null, "特色课程领衔 defers rotation, it does not bar dismissal"],
    [[exemption("other", "2025-09-01", "2027-08-31")], false, null, "其他: not a protection"],
    [[exemption("pregnancy", "2026-01-01", "2026-09-30"), exemption("maternity", "2026-10-01", "2027-01-31"), exemption("nursing", "2026-08-01", "2027-12-31")], true, "2027-12-31",
      "pregnancy, maternity and nursing back to back: the protection lasts until the last ends"],
    [[exemption("illness", "2026-03-01", "2026-10-31"), exemption("nursing", "2024-01-01", "2025-12-31")], true, "2026-10-31", "an earlier protection with a gap before this one does not extend it"],
  ];
  const protectedOf = casesBuiltTogether(protections.map(([exemptions]) => withExemptions(exemptions)), asOf, protectedSql);
  it.each(protections)("%j → protected %s until %s (%s)", async (exemptions, isProtected, until, _why) => {
    const rows = await protectedOf(withExemptions(exemptions));
    const dismissal = rows.find((row) => row.exit_type === "appraisal_dismissal");
    expect(dismissal).toMatchObject({ protected: isProtected, protected_until: until });
    if (isProtected) expect(dismissal!.explanation).toContain(`学校不得解聘（EXIT-PROTECT）`);
    // only a dismissal is barred: the term and retirement rows never are
    expect(rows.filter((row) => row.exit_type !== "appraisal_dismissal").every((row) => row.protected === false && row.protected_until === null)).toBe(true);
  });

  it("a vote dismissal is barred too, and the explanation names the reason and the end", async () => {
    const appraisal = { staff_id: "C1", year: 2025, grade: "competent", votes_expected: 50, votes_cast: 50, votes_excellent: 10, votes_competent: 19, votes_basic: 13, votes_incompetent: 8 };
    const rows = await query(withExemptions([exemption("illness", "2026-06-01", "2026-12-31")], appraisal), asOf, protectedSql);
    const vote = rows.find((row) => row.exit_type === "vote_dismissal");
    expect(vote).toMatchObject({ protected: true, protected_until: "2026-12-31" });
    expect(vote!.explanation).toContain("；重病期间（至2026-12-31）学校不得解聘（EXIT-PROTECT）");
  });

  it("a protection of several records names each reason once, in a fixed order", async () => {
    const rows = await query(withExemptions([
      exemption("pregnancy", "2026-01-01", "2026-06-30"), exemption("nursing", "2026-07-01", "2026-12-31"),
      exemption("pregnancy", "2026-03-01", "2026-07-31"),
    ]), asOf, protectedSql);
    const dismissal = rows.find((row) => row.exit_type === "appraisal_dismissal");
    // 哺 (U+54FA) sorts before 孕 (U+5B55); the two 孕期 records give one name
    expect(dismissal!.explanation).toContain("；哺乳期、孕期期间（至2026-12-31）学校不得解聘（EXIT-PROTECT）");
  });
});

describe("pending_exits: written notice (EXIT-NOTICE) and the direct-hire window (EXIT-RETIRE)", () => {
  const viceWithThreeExits: Given = {
    staff: [person("N1", { gender: "F", birth_date: "1972-06-15" })],
    appointments: [post("N1", "S1", "2000-09-01"), post("N1", "S1", "2021-09-01", { post: "vice_principal" })],
    appraisals: [{ staff_id: "N1", year: 2025, grade: "incompetent" }],
  };
  const notices = casesBuiltTogether([viceWithThreeExits], asOf,
    "select staff_id, exit_type, strftime(due_date, '%Y-%m-%d') as due_date, strftime(notify_by, '%Y-%m-%d') as notify_by from pending_exits");
  it.each([
    ["term_end", "2027-08-31", "2027-08-01", "30 days before the term ends"],
    ["appraisal_dismissal", "2025-12-31", "2025-12-01", "a dismissal is notified 30 days ahead too"],
    ["retirement", "2028-02-01", null, "retirement needs no notice of dismissal"],
  ] as const)("%s due %s → notify by %s (%s)", async (exitType, due, notifyBy, _why) => {
    const rows = await notices(viceWithThreeExits);
    expect(rows.find((row) => row.exit_type === exitType)).toEqual({ staff_id: "N1", exit_type: exitType, due_date: due, notify_by: notifyBy });
  });

  it("a retirement row carries the day the direct-hire window opened", async () => {
    const rows = await query({ staff: [person("R1", { gender: "F", birth_date: "1972-06-15" })], appointments: [post("R1", "S1", "1995-09-01")] },
      asOf, "select strftime(direct_hire_from, '%Y-%m-%d') as direct_hire_from, explanation from pending_exits where exit_type = 'retirement'");
    expect(rows).toEqual([{ direct_hire_from: "2023-02-01", explanation: "女，1972-06出生，法定退休年龄55周岁延迟8个月，应于2028-02-01退休；自2023-02-01起距退休5年内，可直聘（EXIT-RETIRE）" }]);
  });
});
