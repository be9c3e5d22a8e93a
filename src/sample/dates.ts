/**
 * Calendar days as integers (days since 1970-01-01, UTC civil calendar) so careers are cheap to
 * compare and shift; turned into ISO text only when a row is written. Never reads the clock.
 */
export type Day = number;

export const SAMPLE_HISTORY_END_TEXT = "2026-09-01";

/** Days from civil date (Howard Hinnant's days_from_civil). */
export function day(year: number, month: number, dayOfMonth: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date from days: [year, month 1–12, day 1–31]. */
export function civil(days: Day): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// ISO text is written millions of times: cache it per day (1900–2100 is ~73k entries).
const isoCache = new Map<Day, string>();
export function iso(days: Day): string {
  let text = isoCache.get(days);
  if (text === undefined) {
    const [y, m, d] = civil(days);
    text = `${y}-${pad2(m)}-${pad2(d)}`;
    isoCache.set(days, text);
  }
  return text;
}

export function parseIso(text: string): Day {
  const [y, m, d] = text.split("-").map(Number);
  return day(y!, m!, d!);
}

const daysInMonth = (year: number, month: number): number => day(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - day(year, month, 1);

/** Same day of month `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(days: Day, months: number): Day {
  const [y, m, d] = civil(days);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return day(year, month, Math.min(d, daysInMonth(year, month)));
}

export const addYears = (days: Day, years: number): Day => addMonths(days, years * 12);

export const yearOf = (days: Day): number => civil(days)[0];

/** Completed years of age (周岁) on a date. */
export function ageOn(birth: Day, on: Day): number {
  const [by, bm, bd] = civil(birth);
  const [y, m, d] = civil(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whole years between two dates, as a decimal (for tenure thresholds). */
export const yearsBetween = (from: Day, to: Day): number => (to - from) / 365.25;

/** 1 September of a year: the day school years, hiring rounds and most appointments start. */
export const september = (year: number): Day => day(year, 9, 1);

export const AS_OF: Day = parseIso(SAMPLE_HISTORY_END_TEXT);
/** Earliest year with records: careers, appraisals and rotations are written from here on. */
export const HISTORY_START_YEAR = 2010;
