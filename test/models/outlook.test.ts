import { describe, expect, it } from "vitest";
import { modelsReadBy } from "../../src/models/models.ts";
import { build as buildAll, casesBuiltTogether, person, post, rows, type BuildOptions, type Given } from "./given.ts";

// As of 2026-12-02 the round of 2026 has opened (ROT-YEAR, 07-01), so the outlook's years are
// 2027 … 2031, each judged on the as-of records with ages on Y-08-31 and years to Y-09-01.
const asOf = "2026-12-02";
const years = [2027, 2028, 2029, 2030, 2031];

/** The outlook and what it reads, exactly as a full build makes them: a case does not pay for the other marts. */
const build = (given: Given, on: string, options: Omit<BuildOptions, "only"> = {}) => buildAll(given, on, { ...options, only: modelsReadBy("select * from outlook") });

const merge = (...parts: Given[]): Given => ({
  staff: parts.flatMap((part) => part.staff ?? []),
  appointments: parts.flatMap((part) => part.appointments ?? []),
  exemptions: parts.flatMap((part) => part.exemptions ?? []),
});

/** A teacher at S1 since `joined`. */
const teacher = (id: string, joined: string, extra: Record<string, string | null> = {}): Given => ({
  staff: [person(id, extra)],
  appointments: [post(id, "S1", joined)],
});

/** A teacher at S1 since 2005 who took a cadre post on `since` (3-year terms, renewed). */
const cadre = (id: string, birth: string, postCode: string, since: string, gender = "M"): Given => ({
  staff: [person(id, { birth_date: birth, gender })],
  appointments: [
    post(id, "S1", "2005-09-01", { end_date: null }),
    post(id, "S1", since, { post: postCode, department: postCode.startsWith("middle") ? "教导处" : null, term_years: 3 }),
  ],
});

type Column = "teachers_due" | "leaders_due" | "retirements" | "cadre_age_exits" | "term_ends" | "cadres" | "cadres_40_or_under" | "backbone";
const columns: Column[] = ["teachers_due", "leaders_due", "retirements", "cadre_age_exits", "term_ends", "cadres", "cadres_40_or_under", "backbone"];

/** One school's outlook rows (in school-year order), column by column. */
const byColumn = (found: Record<string, unknown>[]): Record<Column, number[]> =>
  Object.fromEntries(columns.map((column) => [column, found.map((row) => Number(row[column]))])) as Record<Column, number[]>;

/** The outlook of one school (or ALL), column by column over the years: one build per given. */
async function outlookOf(given: Given, school = "S1", options: { outlookYears?: number } = {}): Promise<Record<Column, number[]>> {
  const db = await build(given, asOf, options);
  try {
    return byColumn(await rows(db, `select * from outlook where school_id = '${school}' order by school_year`));
  } finally {
    db.close();
  }
}

/** `outlookOf` S1 for a table of cases, in one build. */
function outlooksOfCases(cases: Given[]): (given: Given) => Promise<Record<Column, number[]>> {
  const rowsOf = casesBuiltTogether(cases, asOf, "select * from outlook order by school_year");
  return async (given) => byColumn((await rowsOf(given)).filter((row) => row.school_id === "S1"));
}

/** One column of one school (or ALL) over the five years. */
const series = async (given: Given, column: Column, school = "S1"): Promise<number[]> => (await outlookOf(given, school))[column];

describe("outlook: school years after the as-of round, nobody moves, nobody is hired (digest §7)", () => {
  it("has one row per outlook year × school and a county row, years from the as-of round + 1 (--years)", async () => {
    const db = await build(teacher("T1", "2019-09-01"), asOf, { outlookYears: 3 });
    try {
      const found = await rows(db, "select school_year, school_id from outlook order by school_year, school_id");
      expect(found).toEqual([2027, 2028, 2029].flatMap((year) => ["ALL", "S1", "S2"].map((school_id) => ({ school_year: year, school_id }))));
    } finally {
      db.close();
    }
  });

  const joins: [string, number[], string][] = [
    ["2019-09-01", [0, 1, 1, 1, 1], "9.0 years on 2028-09-01 exactly (满9年 includes 9): due from year 2"],
    ["2019-09-02", [0, 0, 1, 1, 1], "one day short of 9 years in 2028: due from year 3"],
    ["2024-09-01", [0, 0, 0, 0, 0], "reaches 9 years only in 2033"],
  ];
  const joinedOutlook = outlooksOfCases(joins.map(([joined]) => teacher("T1", joined)));
  it.each(joins)("a teacher who joined S1 on %s is due %j (ROT-T9: %s)", async (joined, expected) => {
    expect((await joinedOutlook(teacher("T1", joined))).teachers_due).toEqual(expected);
  });

  const births: [string, number[], string][] = [
    ["1978-08-31", [1, 1, 0, 0, 0], "aged 50 on 2028-08-31 (50周岁及以下 includes 50), 51 a year later"],
    ["1978-09-01", [1, 1, 1, 0, 0], "49 on 2028-08-31, exactly 50 on 2029-08-31, 51 a year later"],
  ];
  const woman = (birth: string) => teacher("W1", "2010-09-01", { gender: "F", birth_date: birth });
  const womanOutlook = outlooksOfCases(births.map(([birth]) => woman(birth)));
  it.each(births)("a woman teacher at S1 since 2010 born %s is due %j (ROT-T9 age cap 50: %s)", async (birth, expected) => {
    expect((await womanOutlook(woman(birth))).teachers_due).toEqual(expected);
  });

  it("a principal since 2019-09-01 comes due by ROT-P3 in 2028 (9.0 years as a leader), counted as a leader, not a teacher", async () => {
    const principal = cadre("P1", "1975-03-01", "principal", "2019-09-01");
    const s1 = await outlookOf(principal);
    expect(s1.leaders_due).toEqual([0, 1, 1, 1, 1]);
    expect(s1.teachers_due).toEqual([0, 0, 0, 0, 0]);
    expect(await series(principal, "leaders_due", "ALL")).toEqual([0, 1, 1, 1, 1]);
  });

  it("a teacher held by an exemption valid on 2027-08-31 that ends 2028-06-30 is due from 2028 (ROT-EXEMPT)", async () => {
    const held: Given = {
      ...teacher("E1", "2010-09-01"),
      exemptions: [{ staff_id: "E1", reason: "illness", start_date: "2026-01-01", end_date: "2028-06-30" }],
    };
    expect(await series(held, "teachers_due")).toEqual([0, 1, 1, 1, 1]);
  });

  it("a backbone teacher retiring on 2030-07-01 (born 1969-05, 60 + 14 months) retires in school year 2029 and is gone after it", async () => {
    const retiring = teacher("R1", "2020-09-01", { birth_date: "1969-05-10", backbone: "backbone_teacher" });
    const db = await build(retiring, asOf);
    try {
      const [date] = await rows(db, "select strftime(retirement_date, '%Y-%m-%d') as day from int_retirement_dates where staff_id = 'R1'");
      expect(date).toEqual({ day: "2030-07-01" });
    } finally {
      db.close();
    }
    const s1 = await outlookOf(retiring);
    expect(s1.retirements).toEqual([0, 0, 1, 0, 0]);
    expect(s1.backbone).toEqual([1, 1, 1, 0, 0]);
    expect(await series(retiring, "backbone", "ALL")).toEqual([1, 1, 1, 0, 0]);
  });

  const retirements: [string, number[], number[], string][] = [
    ["1967-02-10", [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], "60 + 7 months: retires 2027-09-01, the first day of 2027, so is gone before the outlook starts"],
    ["1967-03-10", [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], "60 + 7 months: retires 2027-10-01, so teaches from 2027-09-01 and leaves during 2027"],
  ];
  const retiringMan = (birth: string) => teacher("R2", "2020-09-01", { birth_date: birth, backbone: "backbone_teacher" });
  const retiringOutlook = outlooksOfCases(retirements.map(([birth]) => retiringMan(birth)));
  it.each(retirements)("a man born %s: retirements %j, in post %j (%s)", async (birth, retirements, inPost) => {
    const s1 = await retiringOutlook(retiringMan(birth));
    expect(s1.retirements).toEqual(retirements);
    expect(s1.backbone).toEqual(inPost);
  });

  const young: [string, number[], string][] = [
    ["1987-08-31", [1, 0, 0, 0, 0], "exactly 40 on 2027-08-31 (40周岁以下 includes 40), 41 a year later"],
    ["1987-09-01", [1, 1, 0, 0, 0], "39 on 2027-08-31, exactly 40 on 2028-08-31"],
    ["1986-08-31", [0, 0, 0, 0, 0], "41 on 2027-08-31"],
  ];
  const youngHead = (birth: string) => cadre("Y1", birth, "middle_head", "2024-09-01");
  const youngOutlook = outlooksOfCases(young.map(([birth]) => youngHead(birth)));
  it.each(young)("a middle head born %s is a cadre aged 40 or under %j (YOUNG-CADRE: %s)", async (birth, expected) => {
    const s1 = await youngOutlook(youngHead(birth));
    expect(s1.cadres_40_or_under).toEqual(expected);
    expect(s1.cadres).toEqual([1, 1, 1, 1, 1]);
  });

  const exitAges: [string, number[], number[], string][] = [
    ["1972-10-15", [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], "turns 55 on 2027-10-15, during 2027"],
    ["1972-09-01", [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], "turns 55 on 2027-09-01: has left the post when 2027 starts"],
    ["1973-09-01", [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], "turns 55 on 2028-09-01: a cadre through 2027, one of its exits, gone when 2028 starts"],
  ];
  const leavingHead = (birth: string) => cadre("X1", birth, "middle_head", "2015-09-01");
  const leavingOutlook = outlooksOfCases(exitAges.map(([birth]) => leavingHead(birth)));
  it.each(exitAges)("a middle head born %s: cadre-age exits %j, cadres %j (EXIT-MC-AGE 55: %s)", async (birth, exits, cadres) => {
    const s1 = await leavingOutlook(leavingHead(birth));
    expect(s1.cadre_age_exits).toEqual(exits);
    expect(s1.cadres).toEqual(cadres);
  });

  it("a middle head whose spell began 2024-09-01 (3-year terms) ends a term on 2030-08-31, in 2029 (EXIT-TERM); 2027-08-31 is before the outlook", async () => {
    expect(await series(cadre("M1", "1985-01-01", "middle_head", "2024-09-01"), "term_ends")).toEqual([0, 0, 1, 0, 0]);
  });

  it("a leader's term that would end after retirement does not count; the county sums the schools", async () => {
    // born 1968-01: retires 2028-11-01 (60 + 10 months); the term ending 2029-08-31 is after it
    const leader = cadre("L1", "1968-01-15", "vice_principal", "2020-09-01");
    const other = { staff: [person("L2", { birth_date: "1980-01-01" })], appointments: [post("L2", "S2", "2005-09-01"), post("L2", "S2", "2023-09-01", { post: "principal", term_years: 3 })] };
    const given = merge(leader, other);
    const s1 = await outlookOf(given);
    expect(s1.term_ends).toEqual([0, 0, 0, 0, 0]);
    expect(s1.retirements).toEqual([0, 1, 0, 0, 0]);
    // a principal since 2023-09-01: terms end 2029-08-31 (in 2028) and 2032-08-31 (in 2031)
    expect(await series(given, "term_ends", "S2")).toEqual([0, 1, 0, 0, 1]);
    expect(await series(given, "cadres", "ALL")).toEqual([2, 2, 1, 1, 1]);
  });

  it(`the county row of ${years[0]}: T1 and the middle deputy due by ROT-T9 (middle cadres count as teachers), the principal by ROT-P3`, async () => {
    const given = merge(teacher("T1", "2010-09-01"), cadre("P1", "1975-03-01", "principal", "2010-09-01"), cadre("Y1", "1990-01-01", "middle_deputy", "2024-09-01"));
    const db = await build(given, asOf);
    try {
      const found = await rows(db, "select * exclude (year_starts_on, evaluation_date, as_of) from outlook where school_id = 'ALL' and school_year = 2027");
      expect(found).toEqual([{
        // the principal's spell from 2010-09-01 ends its sixth term on 2028-08-31, in 2027
        school_year: 2027, school_id: "ALL", teachers_due: 2, leaders_due: 1, retirements: 0, cadre_age_exits: 0, term_ends: 1,
        cadres: 2, cadres_40_or_under: 1, backbone: 0, share_40_or_under: 0.5, young_cadre_max_age: 40, on_pending_exits: true,
      }]);
      // pending_exits looks 36 months ahead, to 2029-12-02: the exits of 2027 and 2028 (to 2029-09-01) are all on it
      const listed = await rows(db, "select school_year, on_pending_exits from outlook where school_id = 'ALL' order by school_year");
      expect(listed.map((row) => row.on_pending_exits)).toEqual([true, true, false, false, false]);
    } finally {
      db.close();
    }
  });
});
