import { describe, expect, it } from "vitest";
import { casesBuiltTogether, person, policyWith, post, query, type Given, type Row } from "./given.ts";

type Rules = Record<string, Record<string, unknown>>;

const asOf = "2026-09-01";
const due = async (given: Given) =>
  (await query(given, asOf, "select * from rotation_due where staff_id = 'T1'"))[0] as Record<string, unknown>;

describe("rotation_due: ROT-T9 boundaries", () => {
  const boundaries: [string, string, string, boolean, string][] = [
    // joined, gender, birth, due, why
    ["2017-09-01", "M", "1980-01-01", true, "exactly 9.0 years in school"],
    ["2017-09-05", "M", "1980-01-01", false, "8.99 years: not yet"],
    ["2014-09-01", "M", "1971-03-10", true, "man aged 55: within the cap"],
    ["2014-09-01", "M", "1970-03-10", false, "man aged 56: over the cap"],
    ["2014-09-01", "M", "1971-09-01", true, "man turning 55 on the as-of date"],
    ["2014-09-01", "M", "1970-09-02", true, "man a day short of 56"],
    ["2014-09-01", "F", "1976-03-10", true, "woman aged 50: within the cap"],
    ["2014-09-01", "F", "1975-03-10", false, "woman aged 51: over the cap"],
  ];
  const teacher = (joined: string, gender: string, birth: string): Given =>
    ({ staff: [person("T1", { gender, birth_date: birth })], appointments: [post("T1", "S1", joined)] });
  const dueOf = casesBuiltTogether(boundaries.map(([joined, gender, birth]) => teacher(joined, gender, birth)), asOf, "select * from rotation_due");
  it.each(boundaries)("joined %s, %s born %s → due %s (%s)", async (joined, gender, birth, expected) => {
    expect(await dueOf(teacher(joined, gender, birth))).toEqual([expect.objectContaining({ due: expected, rule_id: "ROT-T9", exempt: false })]);
  });

  it("explains the numbers that decided it", async () => {
    const row = await due({ staff: [person("T1", { birth_date: "1971-03-10" })], appointments: [post("T1", "S1", "2015-11-01")] });
    expect(row.explanation).toBe("在本校连续任教10.8年（≥9年），男，55周岁（≤55周岁），应交流轮岗（ROT-T9）");
    expect(row.years_in_school).toBe(10.83);
  });

  it("contract staff are not in the table (rotation rules apply to 在编)", async () => {
    const rows = await query(
      { staff: [person("T1", { employment: "contract" })], appointments: [post("T1", "S1", "2010-09-01")] }, asOf,
      "select * from rotation_due",
    );
    expect(rows).toEqual([]);
  });

  it("never looks at records after the as-of date", async () => {
    const given: Given = {
      staff: [person("T1")],
      appointments: [post("T1", "S1", "2010-09-01", { end_date: "2026-12-31" }), post("T1", "S2", "2027-01-01")],
    };
    const row = await due(given);
    expect(row).toMatchObject({ school_id: "S1", due: true, years_in_school: 16 });
  });
});

describe("rotation_due: attachment to the school (ROT-SUPPORT, contract Time)", () => {
  const stretches: [string, Row[], string, number, boolean][] = [
    ["支教 away 2 years and back: 10 − 2 = 8 years, not due",
      [{ staff_id: "T1", from_school_id: "S1", to_school_id: "S2", start_date: "2019-09-01", end_date: "2021-08-31", type: "support_teaching", relation_moved: false }],
      "2016-09-01", 8, false],
    ["支教 still running counts only up to the as-of date",
      [{ staff_id: "T1", from_school_id: "S1", to_school_id: "S2", start_date: "2025-09-01", type: "support_teaching", relation_moved: false }],
      "2015-09-01", 10, true],
    ["an internal post rotation does not interrupt anything",
      [{ staff_id: "T1", from_school_id: "S1", to_school_id: "S1", start_date: "2020-09-01", type: "internal" }],
      "2016-09-01", 10, true],
  ];
  const away = (rotations: Row[], joined: string): Given => ({ staff: [person("T1")], appointments: [post("T1", "S1", joined)], rotations });
  const dueOf = casesBuiltTogether(stretches.map(([, rotations, joined]) => away(rotations, joined)), asOf, "select * from rotation_due");
  it.each(stretches)("%s", async (_why, rotations, joined, years, expected) => {
    expect(await dueOf(away(rotations, joined))).toEqual([expect.objectContaining({ years_in_school: years, due: expected })]);
  });

  it("a transfer with the personnel relation moved ends the old attachment", async () => {
    const row = await due({
      staff: [person("T1")],
      appointments: [post("T1", "S2", "2008-09-01", { end_date: "2020-08-31" }), post("T1", "S1", "2020-09-01")],
      rotations: [{ staff_id: "T1", from_school_id: "S2", to_school_id: "S1", start_date: "2020-09-01", type: "transfer", relation_moved: true }],
    });
    expect(row).toMatchObject({ school_id: "S1", years_in_school: 6, due: false });
  });

  it("a relation-moved rotation restarts the count even when the appointment records run on", async () => {
    const row = await due({
      staff: [person("T1")],
      appointments: [post("T1", "S1", "2008-09-01")],
      rotations: [{ staff_id: "T1", from_school_id: "S2", to_school_id: "S1", start_date: "2021-09-01", type: "transfer", relation_moved: true }],
    });
    expect(row).toMatchObject({ years_in_school: 5, due: false });
  });

  it("records starting the same day and both open are one attachment, however the database orders ties", async () => {
    const appointments = Array.from({ length: 6 }, (_, i) => post("T1", "S1", "2015-09-01", { post: i % 2 ? "class_teacher" : "teacher", method: "direct", round: 2015 }));
    const rows = await query({ staff: [person("T1")], appointments }, asOf, "select attachment_start from int_attachments_resolved");
    expect(rows).toHaveLength(1);
  });

  it("consecutive term records are one attachment; a gap starts a new one", async () => {
    const joined = await due({
      staff: [person("T1")],
      appointments: [post("T1", "S1", "2010-09-01", { end_date: "2013-08-31" }), post("T1", "S1", "2013-09-01", { post: "class_teacher" })],
    });
    expect(joined.years_in_school).toBe(16);
    const broken = await due({
      staff: [person("T1")],
      appointments: [post("T1", "S1", "2010-09-01", { end_date: "2013-08-30" }), post("T1", "S1", "2013-09-01")],
    });
    expect(broken.years_in_school).toBe(13);
  });
});

describe("rotation_due: exemptions (ROT-EXEMPT)", () => {
  const teacher: Given = { staff: [person("T1")], appointments: [post("T1", "S1", "2010-09-01")] };
  const exemptions: [string, string, string, boolean, string][] = [
    ["nursing", "2025-12-01", "2026-11-30", true, "valid on the as-of date"],
    ["illness", "2025-07-01", "2026-06-30", false, "expired: due again"],
    ["signature_course", "2023-09-01", "2026-08-31", false, "ended the day before"],
    ["signature_course", "2023-09-02", "2027-08-31", true, "3 years from 2023-09-02 reach the as-of date"],
    ["major_project", "2023-08-01", "2028-08-31", false, "capped at 3 years: ends 2026-07-31"],
    ["pregnancy", "2023-08-01", "2028-08-31", true, "only course and project leads are capped"],
  ];
  const exempted = (reason: string, start_date: string, end_date: string): Given => ({ ...teacher, exemptions: [{ staff_id: "T1", reason, start_date, end_date }] });
  const dueOf = casesBuiltTogether(exemptions.map(([reason, start, end]) => exempted(reason, start, end)), asOf, "select * from rotation_due");
  it.each(exemptions)("%s %s…%s → exempt %s (%s)", async (reason, start_date, end_date, exempt) => {
    expect(await dueOf(exempted(reason, start_date, end_date))).toEqual([
      expect.objectContaining({ exempt, due: !exempt, rule_id: exempt ? "ROT-EXEMPT" : "ROT-T9" }),
    ]);
  });

  it("a person not due is never marked exempt", async () => {
    const row = await due({
      staff: [person("T1")], appointments: [post("T1", "S1", "2020-09-01")],
      exemptions: [{ staff_id: "T1", reason: "nursing", start_date: "2026-01-01", end_date: "2026-12-31" }],
    });
    expect(row).toMatchObject({ due: false, exempt: false, rule_id: "ROT-T9" });
  });
});

describe("rotation_due: school leaders (ROT-P3)", () => {
  const leader = (birth: string, start: string): Given => ({
    staff: [person("T1", { birth_date: birth })],
    appointments: [
      post("T1", "S1", start, { post: "principal", end_date: "2020-08-31" }),
      post("T1", "S1", "2020-09-01", { post: "principal", end_date: "2023-08-31" }),
      post("T1", "S1", "2023-09-01", { post: "principal" }),
    ],
  });
  const leaders: [string, string, boolean, string][] = [
    ["1976-05-12", "2015-09-01", true, "11 years, retires 2039: due"],
    ["1978-05-12", "2017-09-01", true, "exactly 3 terms"],
    ["1978-05-12", "2017-09-02", false, "a day short of 3 terms"],
    ["1967-03-03", "2015-09-01", false, "retires 2027-10-01: less than one term left"],
    ["1963-08-01", "2015-09-01", false, "already past retirement"],
  ];
  const dueOf = casesBuiltTogether(leaders.map(([birth, start]) => leader(birth, start)), asOf, "select * from rotation_due");
  it.each(leaders)("born %s, leader since %s → due %s (%s)", async (birth, start, expected) => {
    expect(await dueOf(leader(birth, start))).toEqual([expect.objectContaining({ rule_id: "ROT-P3", due: expected })]);
  });

  it.each([
    ["2027-10-01", true, "还有3.0年（≥3年）", "exactly one term left: still due"],
    ["2027-10-02", false, "还有2.9年（<3年）", "a day less than one term: not rotated"],
  ])("as of %s → due %s (%s, %s)", async (asOfDate, expected, text) => {
    // man born 1969-08-15: n = 56, delay ceil(56 / 4) = 14 months → retires 2030-10-01
    const row = (await query(leader("1969-08-15", "2015-09-01"), asOfDate, "select * from rotation_due"))[0]!;
    expect(row.due).toBe(expected);
    expect(row.explanation).toContain(`距法定退休（2030-10-01）${text}`);
  });
});

describe("rotation_due: P3's explanation says the terms only as the policy numbers make them", () => {
  const principal: Given = {
    staff: [person("T1", { birth_date: "1976-05-12" })],
    appointments: [post("T1", "S1", "2014-09-01", { post: "principal" })],
  };
  it.each([
    ["defaults", (rules: Rules) => rules, "（≥9年，即满3个聘期）", "9 years of 3-year terms"],
    ["P3 8 years", (rules: Rules) => { rules["ROT-P3"]!.years_in_post = 8; }, "（≥8年）", "8 years is no whole number of terms: nothing said"],
    ["P3 12 years, 4-year terms", (rules: Rules) => { rules["ROT-P3"]!.years_in_post = 12; rules["APT-TERM"]!.term_years = 4; }, "（≥12年，即满3个聘期）", "a bureau's own terms"],
  ])("%s: the explanation holds %s (%s)", async (_label, edit, text) => {
    const [row] = await query(principal, asOf, "select explanation from rotation_due", { policy: policyWith(edit) });
    expect(row!.explanation).toContain(text);
    expect(row!.explanation).not.toContain("三个聘期");
  });
});

describe("rotation_due: ROT-EXEMPT-RET (switched on; 不满2年 is strict)", () => {
  const nearRetirement = (birth: string): Given => ({ staff: [person("T1", { birth_date: birth })], appointments: [post("T1", "S1", "2010-09-01")] });
  // the age cap raised to 60 so that people this close to retirement can be due at all
  const policy = (enabled: boolean) => policyWith((rules) => { rules["ROT-EXEMPT-RET"]!.enabled = enabled; rules["ROT-T9"]!.max_age_male = 60; });
  it.each([
    ["1967-11-15", true, false, true, "ROT-EXEMPT-RET", "retires 2028-08-01: 1.9 years left, held"],
    ["1967-12-15", true, true, false, "ROT-T9", "retires 2028-09-01: exactly 2.0 years left is not 不满2年"],
    ["1967-11-15", false, true, false, "ROT-T9", "switched off: due"],
  ])("a man born %s, switch on %s → due %s, exempt %s, %s (%s)", async (birth, enabled, dueNow, exempt, rule) => {
    const [row] = await query(nearRetirement(birth), asOf, "select * from rotation_due", { policy: policy(enabled) });
    expect(row).toMatchObject({ due: dueNow, exempt, rule_id: rule });
    if (exempt) expect(row!.explanation).toContain("距法定退休不满2年");
  });
});

describe("rotation_due: ROT-DEFER (switched on)", () => {
  const schools = [
    { school_id: "S1", name: "城区实验小学", level: "primary", location: "urban", tier: "strong" },
    { school_id: "S2", name: "乡村中心小学", level: "primary", location: "rural", tier: "weak" },
    { school_id: "S3", name: "镇中学", level: "junior", location: "town", tier: "general" },
    { school_id: "S4", name: "镇小学", level: "primary", location: "town", tier: "general" },
  ];
  const on = policyWith((rules) => { rules["ROT-DEFER"]!.enabled = true; });
  const off = policyWith(() => {});
  const history = (before: [string, string, string][], here: string): Given => ({
    schools,
    staff: [person("T1", { birth_date: "1978-01-01" })],
    appointments: [...before.map(([school, start, end]) => post("T1", school, start, { end_date: end })), post("T1", "S1", here)],
  });
  it.each([
    [[["S3", "2003-09-01", "2006-08-31"], ["S4", "2006-09-01", "2009-08-31"]], "2016-09-01", true, "ROT-DEFER", "3.0 years in each of 2 other schools, 10 here"],
    [[["S3", "2003-09-01", "2006-08-30"], ["S4", "2006-09-01", "2009-08-31"]], "2016-09-01", true, "ROT-T9", "one of them a day short of 3 years"],
    [[["S3", "2003-09-01", "2006-08-31"], ["S4", "2006-09-01", "2009-08-31"]], "2014-09-01", true, "ROT-T9", "满12年 here: deferral does not apply"],
    [[["S2", "2004-09-01", "2010-08-31"]], "2016-09-01", true, "ROT-DEFER", "an urban teacher with 6.0 years in a rural school"],
    [[["S2", "2004-09-02", "2010-08-31"]], "2016-09-01", true, "ROT-T9", "5.99 years in a rural school"],
    [[["S3", "2003-09-01", "2006-08-31"], ["S4", "2006-09-01", "2009-08-31"]], "2016-09-01", false, "ROT-T9", "switched off"],
  ] as [[string, string, string][], string, boolean, string, string][])("%#: %j, here since %s, switch on %s → %s (%s)", async (before, here, enabled, rule) => {
    const [row] = await query(history(before, here), asOf, "select * from rotation_due", { policy: enabled ? on : off });
    expect(row).toMatchObject({ rule_id: rule, due: rule === "ROT-T9", exempt: rule === "ROT-DEFER" });
  });
});

describe("rotation_due: ROT-BAR and ROT-SERVE columns", () => {
  const bars: [number, boolean, string][] = [
    [2025, true, "不合格 in 2025, within the last 3 appraisal years (2023–2025)"],
    [2023, true, "2023 is the earliest of them"],
    [2022, false, "2022 is before them"],
  ];
  const appraised = (year: number): Given =>
    ({ staff: [person("T1")], appointments: [post("T1", "S1", "2010-09-01")], appraisals: [{ staff_id: "T1", year, grade: "incompetent" }] });
  const barredOf = casesBuiltTogether(bars.map(([year]) => appraised(year)), asOf, "select staff_id, barred from rotation_due");
  it.each(bars)("appraised 不合格 in %s → barred %s (%s)", async (year, barred) => {
    expect(await barredOf(appraised(year))).toEqual([{ staff_id: "T1", barred }]);
  });

  it("someone who rotated in owes service until the end of the policy's years there", async () => {
    const [row] = await query({
      staff: [person("T1")],
      appointments: [post("T1", "S2", "2010-09-01", { end_date: "2024-08-31" }), post("T1", "S1", "2024-09-01")],
      rotations: [{ staff_id: "T1", from_school_id: "S2", to_school_id: "S1", start_date: "2024-09-01", type: "transfer", relation_moved: true }],
    }, asOf, "select serving_until from rotation_due");
    expect(row).toEqual({ serving_until: "2027-08-31" });
  });
});

describe("rotation_due: a blank 人事关系随迁 depends on the type (contract v2: Time)", () => {
  const blanks: [string, number, string][] = [
    ["group", 5, "集团内交流: blank reads 是, the attachment restarts"],
    ["cluster", 5, "片区交流: 是"],
    ["transfer", 5, "校际交流: 是"],
    ["support_teaching", 15, "支教: blank reads 否, a stretch away (still running, so counted to the day)"],
  ];
  const rotated = (type: string): Given => ({
    staff: [person("T1")],
    appointments: [post("T1", "S1", "2006-09-01")],
    rotations: [{ staff_id: "T1", from_school_id: type === "support_teaching" ? "S1" : "S2", to_school_id: type === "support_teaching" ? "S2" : "S1", start_date: "2021-09-01", type, relation_moved: null }],
  });
  const yearsOf = casesBuiltTogether(blanks.map(([type]) => rotated(type)), asOf, "select staff_id, years_in_school from rotation_due");
  it.each(blanks)("%s with a blank relation_moved → %s years in school (%s)", async (type, years) => {
    expect(await yearsOf(rotated(type))).toEqual([{ staff_id: "T1", years_in_school: years }]);
  });
});
