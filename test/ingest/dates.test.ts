/**
 * Date cells, through the same SQL macro the load runs (cb_date over cb_norm).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { macroDatabase } from "./fixtures.ts";

let db: Awaited<ReturnType<typeof macroDatabase>>;
beforeAll(async () => {
  db = await macroDatabase();
});
afterAll(() => db.close());

const readDate = async (text: string) =>
  (await db.one("select cast(cb_date(cb_norm(cast($text as varchar))) as varchar) as date", { text })).date;

describe("cb_date: every form the contract lists", () => {
  it.each([
    ["2019-09-01", "2019-09-01", "ISO"],
    ["2019/9/1", "2019-09-01", "slashes, no leading zeros"],
    ["2019/09/01", "2019-09-01", "slashes with zeros"],
    ["2019.09", "2019-09-01", "year.month means the 1st"],
    ["2019.9.1", "2019-09-01", "dots with day"],
    ["2019年9月", "2019-09-01", "Chinese month means the 1st"],
    ["2019年9月1日", "2019-09-01", "Chinese full date"],
    ["2019年09月01日", "2019-09-01", "Chinese with zeros"],
    ["201909", "2019-09-01", "yyyymm means the 1st"],
    ["20190901", "2019-09-01", "yyyymmdd"],
    ["2019-09", "2019-09-01", "ISO month"],
    ["  2019-09-01  ", "2019-09-01", "surrounding spaces trimmed"],
    ["２０１９－０９－０１", "2019-09-01", "full-width digits and dash"],
    ["2019-09-01 00:00:00", "2019-09-01", "date-time text from a spreadsheet"],
    ["2020-02-29", "2020-02-29", "leap day in a leap year"],
    ["2000-02-29", "2000-02-29", "leap day in a 400-year"],
  ])("%s → %s (%s)", async (text, expected) => {
    expect(await readDate(text)).toBe(expected);
  });
});

describe("cb_date: Excel serial day numbers (1900 system)", () => {
  it.each([
    ["43709", "2019-09-01", "the contract's example"],
    ["1", "1900-01-01", "first day of the system"],
    ["59", "1900-02-28", "last day before the phantom leap day"],
    ["61", "1900-03-01", "first day after the phantom 1900-02-29"],
    ["43709.75", "2019-09-01", "a date-time serial keeps the day"],
    ["36526", "2000-01-01", "Y2K"],
  ])("%s → %s (%s)", async (text, expected) => {
    expect(await readDate(text)).toBe(expected);
  });
});

describe("cb_date: not dates (the row is rejected)", () => {
  it.each([
    ["60", "Excel's phantom 1900-02-29"],
    ["0", "serial 0 is no day"],
    ["2019-02-29", "no leap day in 2019"],
    ["1900-02-29", "1900 was not a leap year"],
    ["2019-13-01", "month 13"],
    ["2019-04-31", "April has 30 days"],
    ["201913", "yyyymm with month 13"],
    ["20190230", "yyyymmdd 30 February"],
    ["2019年0月", "month 0"],
    ["2019", "a bare year is not a day"],
    ["1899-12-31", "before 1900: a typo, not an HR record"],
    ["九月一日", "words"],
    ["2019-09-01x", "trailing junk"],
  ])("%s → null (%s)", async (text) => {
    expect(await readDate(text)).toBeNull();
  });
});

describe("cb_date_has_day: month-only dates compare by month", () => {
  it.each([
    ["2019.09", false],
    ["2019年9月", false],
    ["201909", false],
    ["2019-09", false],
    ["2019-09-01", true],
    ["2019年9月1日", true],
    ["20190901", true],
    ["43709", true],
  ])("%s → %s", async (text, expected) => {
    expect((await db.one("select cb_date_has_day(cb_norm(cast($text as varchar))) as has_day", { text })).has_day).toBe(expected);
  });
});
