/**
 * The SQL macros that write numbers for a clerk (sql/macros.sql), in JS, so the arquero path's
 * explanations can be compared character for character with the models'.
 */
import { dayIso } from "./days.ts";

/** years_text: cut (not rounded) to one decimal. */
export const yearsText = (years: number): string => (Math.floor(years * 10) / 10).toFixed(1);

/** DuckDB round(x, digits) for doubles: std::round(x × 10^digits) ÷ 10^digits. */
export const roundTo = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** number_text: no trailing zeros (both DuckDB and JS print the shortest round-trip form). */
export const numberText = (value: number): string =>
  value === Math.round(value) ? String(Math.trunc(value)) : String(roundTo(value, 4));

export const percentText = (share: number): string => `${numberText(roundTo(share * 100, 1))}%`;

export const dateText = (day: number): string => dayIso(day);
