import { describe, expect, it } from "vitest";
import { person, post, query, type Given, type Row } from "./given.ts";

const asOf = "2026-09-01";
const exits = (given: Given, horizonMonths = 36) =>
  query(given, asOf, "select staff_id, post, exit_type, strftime(due_date, '%Y-%m-%d') as due_date, rule_id, overdue, explanation from pending_exits order by exit_type", { horizonMonths });

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
  it.each([
    [votes(10, 20, 12, 8), false, "exactly 60 % excellent + competent: not below the line"],
    [votes(10, 19, 13, 8), true, "29 of 50 = 58 %: below 60 %"],
    [votes(20, 39, 30, 11, 100, 100), true, "59 % approval"],
    [votes(15, 20, 0, 15), false, "exactly 30 % incompetent: not above the line"],
    [votes(20, 49, 0, 31, 100, 100), true, "31 % incompetent"],
    [votes(10, 10, 10, 20, 50, 80), false, "50 of 80 took part (< 2/3): the evaluation is not valid"],
    [votes(10, 10, 10, 20, 54, 80), true, "54 of 80 took part (≥ 2/3): valid"],
  ])("%j → flagged %s (%s)", async (appraisal, flagged) => {
    const rows = (await exits({ ...middleDeputy(), appraisals: [appraisal] })).filter((row) => row.exit_type === "vote_dismissal");
    expect(rows.length).toBe(flagged ? 1 : 0);
    if (flagged) expect(rows[0]).toMatchObject({ rule_id: "EXIT-VOTES", due_date: "2025-12-31", overdue: true });
  });

  it("explains the shares", async () => {
    const [row] = (await exits({ ...middleDeputy(), appraisals: [votes(10, 19, 13, 8)] })).filter((r) => r.exit_type === "vote_dismissal");
    expect(row!.explanation).toBe("2025年民主测评有效票50张，优秀和称职29张（58%<60%），不称职8张（16%≤30%），可解聘（EXIT-VOTES）");
  });

  it("an evaluation from before the look-back window does not count", async () => {
    const old = { ...votes(10, 19, 13, 8), year: 2023 };
    expect((await exits({ ...middleDeputy(), appraisals: [old] })).some((r) => r.exit_type === "vote_dismissal")).toBe(false);
  });
});

describe("pending_exits: appraisal, exit age, term and probation", () => {
  it.each([
    ["incompetent", 2025, true],
    ["incompetent", 2024, true],
    ["basic", 2025, false],
    ["incompetent", 2019, false],
  ])("appraised %s in %s → dismissal %s (EXIT-APPRAISAL)", async (grade, year, flagged) => {
    const rows = await exits({ ...middleDeputy(), appraisals: [{ staff_id: "C1", year, grade }] });
    expect(rows.some((row) => row.exit_type === "appraisal_dismissal" && row.rule_id === "EXIT-APPRAISAL")).toBe(flagged);
  });

  it.each([
    ["M", "1971-12-15", "2026-12-15", false],
    ["F", "1975-01-20", "2027-01-20", false],
    ["F", "1974-03-05", "2026-03-05", true],
  ])("middle cadre %s born %s leaves the cadre post on %s (overdue %s, EXIT-MC-AGE)", async (gender, birth, date, overdue) => {
    const rows = await exits(middleDeputy({ gender, birth_date: birth }));
    expect(rows.find((row) => row.exit_type === "cadre_age")).toMatchObject({ due_date: date, overdue, rule_id: "EXIT-MC-AGE" });
  });

  it("the current term ends three years after the record's start (EXIT-TERM)", async () => {
    const rows = await exits(middleDeputy());
    expect(rows.find((row) => row.exit_type === "term_end")).toMatchObject({ due_date: "2026-08-31", overdue: true, post: "middle_deputy" });
  });

  it.each([
    [null, "2027-02-28", "empty 试用期满: start + 1 year of probation for a first cadre post"],
    ["2026-12-31", "2026-12-31", "a given 试用期满 wins"],
  ])("probation_end %s → due %s (%s)", async (probation, due, _why) => {
    const rows = await exits({
      staff: [person("N1")],
      appointments: [post("N1", "S1", "2010-09-01"), post("N1", "S1", "2026-03-01", { post: "middle_deputy", department: "德育处", probation_end: probation })],
    });
    expect(rows.find((row) => row.exit_type === "probation_end")).toMatchObject({ due_date: due, rule_id: "APT-TERM", overdue: false });
  });
});

describe("pending_exits: statutory retirement and the horizon", () => {
  const teacher = (gender: string, birth: string, postCode = "teacher"): Given => ({
    staff: [person("R1", { gender, birth_date: birth })], appointments: [post("R1", "S1", "1995-09-01", { post: postCode })],
  });
  it.each([
    ["M", "1964-02-10", "teacher", "2024-02-01", true, 36],
    ["F", "1975-03-08", "service", "2025-05-01", true, 36],
    ["M", "1966-06-01", "teacher", "2026-11-01", false, 36],
    ["F", "1972-06-15", "teacher", "2028-02-01", false, 36],
  ])("%s born %s (%s) retires %s, overdue %s", async (gender, birth, postCode, date, overdue, horizon) => {
    const rows = await exits(teacher(gender, birth, postCode), horizon);
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
