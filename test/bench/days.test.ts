import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, ageOn, decimalYears, dayIso, isoDay, monthsBetween, yearsBetween } from "../../bench/arquero/days.ts";
import { roundYearOf } from "../../bench/arquero/eligibility.ts";
import { loadPolicyLookup } from "../../bench/arquero/policy.ts";
import { openDatabase, queryJson, type Database } from "../../src/warehouse/duckdb.ts";

// The arquero path must do date arithmetic exactly as DuckDB does, or "years in school" differs
// in the last decimal: each case is checked against DuckDB itself, not against a number we wrote.
let db: Database;
beforeAll(async () => {
  db = await openDatabase();
});
afterAll(() => db.close());

const pairs: [string, string, string][] = [
  ["2017-09-01", "2026-09-01", "exact anniversary"],
  ["2017-09-05", "2026-09-01", "four days short"],
  ["2020-02-29", "2021-02-28", "leap day to a month end"],
  ["2019-03-01", "2020-02-29", "a month end that is not an anniversary"],
  ["2010-08-31", "2020-08-30", "a day short of ten years"],
  ["2016-01-31", "2016-02-29", "31st to a shorter month's end"],
  ["2026-09-01", "2017-09-01", "backwards"],
  ["1965-01-01", "1964-11-01", "backwards by months"],
];

describe("days: DuckDB date_sub and interval arithmetic", () => {
  it.each(pairs)("%s → %s (%s)", async (from, to) => {
    const [expected] = await queryJson(db.connection, `select
        date_sub('month', $from::date, $to::date)::integer as months,
        date_sub('year', $from::date, $to::date)::integer as years,
        strftime(cast($from::date + to_months(13) as date), '%Y-%m-%d') as plus13,
        case when $from::date >= $to::date then 0.0 else
          date_sub('year', $from::date, $to::date)
          + ($to::date - cast($from::date + to_years(date_sub('year', $from::date, $to::date)) as date))
          / (cast($from::date + to_years(date_sub('year', $from::date, $to::date) + 1) as date)
            - cast($from::date + to_years(date_sub('year', $from::date, $to::date)) as date))::double end as decimal_years`,
      { from, to });
    expect(monthsBetween(isoDay(from), isoDay(to))).toBe(expected!.months);
    expect(yearsBetween(isoDay(from), isoDay(to))).toBe(expected!.years);
    expect(dayIso(addMonths(isoDay(from), 13))).toBe(expected!.plus13);
    expect(decimalYears(isoDay(from), isoDay(to))).toBe(expected!.decimal_years);
  });

  it.each([
    ["1971-09-01", "2026-09-01", 55, "turning 55 on the day"],
    ["1970-09-02", "2026-09-01", 55, "a day short of 56"],
  ])("born %s, on %s aged %i (%s)", (birth, on, age) => {
    expect(ageOn(isoDay(birth), isoDay(on))).toBe(age);
  });

  it.each([
    ["2026-06-30", 2025, "the last day of round 2025"],
    ["2026-07-01", 2026, "round 2026 opens on the policy's 07-01"],
    ["2026-09-01", 2026, "the school year it opened for"],
  ])("%s is in the round of school year %i (%s)", async (day, year) => {
    expect(roundYearOf(await loadPolicyLookup(), isoDay(day))).toBe(year);
  });
});
