import { describe, expect, it } from "vitest";
import { person, post, query } from "../models/given.ts";

/** Statutory retirement dates (digest §6) as the model computes them from the policy's tracks. */
async function retirement(gender: string, birth: string, postCode = "teacher", postCategory: string | null = null, columns = "track, delay_months, strftime(retirement_date, '%Y-%m-%d') as retirement_date") {
  const rows = await query(
    { staff: [person("P1", { gender, birth_date: birth, post_category: postCategory })], appointments: [post("P1", "S1", "2000-09-01", { post: postCode })] },
    "2026-09-01",
    `select ${columns} from int_retirement_dates`,
  );
  return rows[0]!;
}

describe("retirement tracks (digest §6)", () => {
  it.each([
    // gender, birth, post, track, delay, retirement date, why
    ["M", "1964-12-31", "teacher", "male", 0, "2024-12-01", "the month before the first affected cohort: no delay"],
    ["M", "1965-01-15", "teacher", "male", 1, "2025-02-01", "first cohort: 60 years 1 month"],
    ["M", "1965-04-30", "teacher", "male", 1, "2025-05-01", "1965-04 is still 60 years 1 month"],
    ["M", "1965-05-01", "teacher", "male", 2, "2025-07-01", "1965-05: 2 months"],
    ["M", "1976-08-31", "teacher", "male", 35, "2039-07-01", "the cohort before the maximum: n = 140, 35 months"],
    ["M", "1976-09-01", "teacher", "male", 36, "2039-09-01", "digest: new age 63 from 1976-09"],
    ["M", "1990-01-01", "teacher", "male", 36, "2053-01-01", "capped at the maximum"],
    ["F", "1969-12-20", "teacher", "female_55", 0, "2024-12-01", "women on the 55 track: the month before 1970-01"],
    ["F", "1970-01-01", "teacher", "female_55", 1, "2025-02-01", "first cohort of the 55 track"],
    ["F", "1971-04-20", "teacher", "female_55", 4, "2026-08-01", "digest check: born 1971-04 retires 2026-08"],
    ["F", "1981-09-09", "vice_principal", "female_55", 36, "2039-09-01", "a woman cadre: 58 from 1981-09"],
    ["F", "1974-12-05", "service", "female_50", 0, "2024-12-01", "工勤: the month before 1975-01"],
    ["F", "1975-01-05", "service", "female_50", 1, "2025-02-01", "工勤: first cohort, step of 2 months"],
    ["F", "1975-03-08", "service", "female_50", 2, "2025-05-01", "工勤 born 1975-03: 50 years 2 months"],
    ["F", "1984-11-30", "service", "female_50", 60, "2039-11-01", "digest: new age 55 from 1984-11"],
    ["M", "1975-03-08", "service", "male", 31, "2037-10-01", "men in 工勤 stay on the men's track (n = 123)"],
  ])("%s born %s in %s → %s, +%s months, %s (%s)", async (gender, birth, postCode, track, delay, date) => {
    expect(await retirement(gender, birth, postCode)).toEqual({ track, delay_months: delay, retirement_date: date });
  });
});

describe("retirement track from 岗位类别 (contract v2: staff.post_category)", () => {
  it.each([
    // gender, birth, post, post_category, track, decided by, why
    ["F", "1975-03-08", "teacher", "worker", "female_50", "post_category", "工勤 by category, though her post is 专任教师"],
    ["F", "1975-03-08", "service", "professional", "female_55", "post_category", "专业技术 by category outweighs a 工勤 post"],
    ["F", "1975-03-08", "service", "management", "female_55", "post_category", "管理 is not the workers' track"],
    ["F", "1975-03-08", "service", null, "female_50", "latest_post", "empty category: the latest post (工勤) decides, as in v1"],
    ["F", "1975-03-08", "teacher", null, "female_55", "latest_post", "empty category, a teaching post"],
    ["M", "1975-03-08", "teacher", "worker", "male", "post_category", "a man is on the men's track whatever his category"],
  ] as const)("%s born %s, post %s, category %s → %s (decided by %s: %s)", async (gender, birth, postCode, category, track, decidedBy, _why) => {
    expect(await retirement(gender, birth, postCode, category, "track, track_decided_by")).toEqual({ track, track_decided_by: decidedBy });
  });
});

describe("direct-hire window before retirement (EXIT-RETIRE.direct_hire_years, 5年内 includes the fifth year)", () => {
  it.each([
    ["M", "1966-06-01", "2026-11-01", "2021-11-01", "retires 2026-11: the window opened five years before"],
    ["F", "1976-03-10", "2032-10-01", "2027-10-01", "a 55-track woman born 1976-03: 19 months later, 2032-10; the window opens 2027-10"],
  ])("%s born %s retires %s, may be hired directly from %s (%s)", async (gender, birth, retires, from) => {
    expect(await retirement(gender, birth, "teacher", null, "strftime(retirement_date, '%Y-%m-%d') as retires, strftime(direct_hire_from, '%Y-%m-%d') as direct_hire_from"))
      .toEqual({ retires, direct_hire_from: from });
  });
});
