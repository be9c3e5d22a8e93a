/**
 * The small pieces the plan checker's sentences are built from: a share as the policy states it,
 * an exact integer ceiling, a list of staff IDs. No policy number lives here: each comes from the
 * context (the policy as in force).
 */

/** ⌈numerator × count ÷ denominator⌉ in integers: never a rounded decimal (digest §0). */
export const ceilShare = (count: number, numerator: number, denominator: number): number =>
  Math.floor((count * numerator + denominator - 1) / denominator);

/** 15/100 → "15%", 1/3 → "1/3": a percentage only when it is a whole one. */
export function shareText(numerator: number, denominator: number): string {
  if ((numerator * 100) % denominator === 0) return `${(numerator * 100) / denominator}%`;
  return `${numerator}/${denominator}`;
}

/** Staff IDs in a stable order, joined as a Chinese list. */
export const idList = (ids: Iterable<string>): string => sortedIds(ids).join("、");

export const sortedIds = (ids: Iterable<string>): string[] => [...new Set(ids)].sort(byCode);

/** Code order, not the locale's: the same on every machine. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
