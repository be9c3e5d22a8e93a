import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { macrosFile, sqlDir } from "../../src/models/models.ts";
import { openDatabase, queryJson, type Database } from "../../src/warehouse/duckdb.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
  // the policy macros bind to policy_values when defined: an empty one is enough here
  await db.connection.run("create table policy_values (rule_id varchar, key varchar, valid_from date, valid_to date, num_value double, text_value varchar, numerator bigint, denominator bigint)");
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
