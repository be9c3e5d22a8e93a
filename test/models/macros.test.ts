import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { macrosFile, sqlDir } from "../../src/models/models.ts";
import { loadPolicy } from "../../src/policy/load.ts";
import { loadPolicyTables } from "../../src/policy/tables.ts";
import { openDatabase, queryJson, type Database } from "../../src/warehouse/duckdb.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
  // the policy macros bind to policy_values when defined: the default policy's
  await loadPolicyTables(db, await loadPolicy());
  await db.connection.run(await readFile(join(sqlDir, macrosFile), "utf8"));
});
afterAll(() => db.close());

// decimal_years is written for speed (lists bind intermediate values); this is its definition
// written out plainly, as it was before that rewrite.
const plainDecimalYears = (from: string, to: string) => `case when ${from} >= ${to} then 0.0 else
  date_sub('year', ${from}, ${to})
  + (${to} - cast(${from} + to_years(date_sub('year', ${from}, ${to})) as date))
  / (cast(${from} + to_years(date_sub('year', ${from}, ${to}) + 1) as date)
    - cast(${from} + to_years(date_sub('year', ${from}, ${to})) as date))::double end`;

describe("decimal_years", () => {
  it("equals its plain definition on every pair of days, leap days and backwards pairs included", async () => {
    // from: every day of 2015–2016 (29 Feb 2016 among them); to: every day of 2015–2021 (two leap days)
    const [result] = await queryJson(
      db.connection,
      `with days as (select unnest(range(date '2015-01-01', date '2022-01-01', interval 1 day))::date as day),
       pairs as (select f.day as from_date, t.day as to_date from days f, days t where f.day < date '2017-01-01')
       select count(*)::integer as pairs,
              count(*) filter (where decimal_years(from_date, to_date) is distinct from ${plainDecimalYears("from_date", "to_date")})::integer as different
       from pairs`,
    );
    expect(result).toEqual({ pairs: 731 * 2557, different: 0 });
  });

  it.each([
    ["2017-09-01", "2026-09-01", 9],
    ["2017-09-02", "2026-09-01", 8 + 364 / 365],
    ["2016-02-29", "2017-02-28", 1],
    ["2026-09-01", "2017-09-01", 0],
  ])("%s → %s is %d years", async (from, to, years) => {
    const [result] = await queryJson(db.connection, `select decimal_years($from::date, $to::date) as years`, { from, to });
    expect(result!.years).toBeCloseTo(years, 12);
  });

  it("is null when a date is missing", async () => {
    const [result] = await queryJson(db.connection, `select decimal_years(null::date, date '2026-09-01') as years`);
    expect(result!.years).toBeNull();
  });
});

describe("exact shares (digest §0)", () => {
  const on = "2026-09-01";
  it.each([
    ["share_at_least", 20, 30, "APT-QUORUM", "min_turnout", true, "20 of 30 is exactly 2/3: reached (stored as 0.6667 it was not)"],
    ["share_at_least", 19, 30, "APT-QUORUM", "min_turnout", false, "19 of 30 is below 2/3"],
    ["share_at_least", 54, 80, "APT-QUORUM", "min_turnout", true, "54 of 80 = 0.675"],
    ["share_at_least", 53, 80, "APT-QUORUM", "min_turnout", false, "53 of 80 = 0.6625"],
    ["share_at_least", 0, 0, "APT-QUORUM", "min_turnout", null, "nobody expected: no share to judge"],
    ["share_above", 15, 50, "EXIT-VOTES", "max_incompetent_share", false, "exactly 30 % is not above 30 % (超过)"],
    ["share_above", 16, 50, "EXIT-VOTES", "max_incompetent_share", true, "32 % is above"],
    ["share_above", 3, 10, "EXIT-VOTES", "max_incompetent_share", false, "3 of 10 is exactly 0.3 (in doubles 0.1 × 3 is not)"],
  ] as const)("%s(%i, %i, %s.%s) is %s (%s)", async (macro, part, whole, rule, key, expected, _why) => {
    const [row] = await queryJson(db.connection,
      `select ${macro}($part, $whole, policy_numerator($rule, $key, $on::date), policy_denominator($rule, $key, $on::date)) as result`,
      { part, whole, rule, key, on });
    expect(row!.result).toBe(expected);
  });

  it.each([
    ["APT-QUORUM", "min_turnout", "2/3", "written as a fraction: shown as written"],
    ["EXIT-VOTES", "min_approval_share", "60%", "written as a decimal: shown as a percentage"],
  ])("share_text(%s, %s) is %s (%s)", async (rule, key, text) => {
    const [row] = await queryJson(db.connection, `select share_text($rule, $key, $on::date) as text`, { rule, key, on });
    expect(row!.text).toBe(text);
  });

  it("policy_flag reads a switch", async () => {
    const [row] = await queryJson(db.connection, `select policy_flag('ROT-RATIO', 'count_only_eligible', $on::date) as flag`, { on });
    expect(row!.flag).toBe(false);
  });
});

describe("day_then_id", () => {
  it("orders as the day, then the id, does: the same pick as the window it replaces, days before 1970 included", async () => {
    // days 1950–2030 in seven groups, two records a day, ids scattered so that a later day often has the lower id
    const [result] = await queryJson(
      db.connection,
      `with days as (select unnest(range(date '1950-01-01', date '2031-01-01', interval 97 day))::date as day),
       records as (select (day_number % 7) as grp, day, cast(((day_number * 7919) % 65521) * 2 + k as integer) as id
         from (select row_number() over () as day_number, day from days), unnest([0, 1]) as ks(k)),
       by_key as (select grp, arg_min(id, day_then_id(day, id)) as id, arg_min(day, day_then_id(day, id)) as day from records group by grp),
       by_window as (select grp, id, day from records qualify row_number() over (partition by grp order by day, id) = 1)
       select count(*)::integer as groups,
              count(*) filter (where (by_key.day, by_key.id) is distinct from (by_window.day, by_window.id))::integer as different,
              bool_and(by_key.day = date '1950-01-01' or by_key.grp <> 1) as first_day_kept
       from by_key full join by_window using (grp)`,
    );
    expect(result).toEqual({ groups: 7, different: 0, first_day_kept: true });
    const [order] = await queryJson(
      db.connection,
      `select day_then_id(date '1969-12-31', 2147483647) < day_then_id(date '1970-01-01', 1) as before_epoch,
              day_then_id(date '2026-09-01', 1) < day_then_id(date '2026-09-01', 2) as id_breaks_tie`,
    );
    expect(order).toEqual({ before_epoch: true, id_breaks_tie: true });
  });
});
