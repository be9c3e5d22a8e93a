/**
 * Dates as whole days since 1970-01-01 (numbers are what arquero compares fastest), with the
 * arithmetic of the SQL macros reproduced exactly as DuckDB does it: completed months count a
 * month-end as a full month, adding months clamps to the month's last day. Any difference here
 * would show up as a "years in school" that differs in the last decimal.
 */
const msPerDay = 86_400_000;

export const dayOf = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / msPerDay;

export function parts(day: number): [number, number, number] {
  const date = new Date(day * msPerDay);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

export const isoDay = (iso: string): number => dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
export const dayIso = (day: number): string => new Date(day * msPerDay).toISOString().slice(0, 10);

const monthDays = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** DuckDB's date_sub('month', start, end). */
export function monthsBetween(start: number, end: number): number {
  if (start > end) return -monthsBetween(end, start);
  const [ey, em, ed] = parts(end);
  let [sy, sm, sd] = parts(start);
  // an end on its month's last day completes the month for a start on a later day-of-month
  const endDays = monthDays(ey, em);
  if (ed === endDays && sd > endDays) sd = endDays;
  return (ey - sy) * 12 + (em - sm) - (ed < sd ? 1 : 0);
}

/** DuckDB's date_sub('year', start, end): whole months ÷ 12, truncated toward zero. */
export const yearsBetween = (start: number, end: number): number => {
  const years = Math.trunc(monthsBetween(start, end) / 12);
  return years === 0 ? 0 : years; // never -0
};

/** date + interval 'n months', cast to date: the day is clamped to the target month's length. */
export function addMonths(day: number, months: number): number {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return dayOf(year, month, Math.min(d, monthDays(year, month)));
}

/** macro age_on: completed years (周岁). */
export const ageOn = (birth: number | null, on: number): number | null => (birth === null ? null : yearsBetween(birth, on));

/** macro decimal_years: whole anniversaries plus the fraction of the year in progress. */
export function decimalYears(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  if (from >= to) return 0.0;
  const whole = yearsBetween(from, to);
  const anniversary = addMonths(from, whole * 12);
  const next = addMonths(from, (whole + 1) * 12);
  return whole + (to - anniversary) / (next - anniversary);
}

/** macro add_policy_years: to the month. */
export const addPolicyYears = (from: number, years: number): number => addMonths(from, Math.round(years * 12));

export const monthStart = (day: number): number => {
  const [y, m] = parts(day);
  return dayOf(y, m, 1);
};

/** SQL greatest/least: NULLs are skipped; all NULL gives NULL. */
export const greatest = (...values: (number | null)[]): number | null => {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : Math.max(...present);
};
export const least = (...values: (number | null)[]): number | null => {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : Math.min(...present);
};
