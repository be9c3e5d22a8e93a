/**
 * Who a site build is for, and the one place that decides what each audience may see.
 * A build leaves out what its audience may not see: filtered rows never reach a data file,
 * so they are not in the site at all (not merely hidden in the browser).
 *
 * - `bureau`: everything, with names.
 * - `school:<id>`: that school's people (with names), plus county (`ALL`) and own-school aggregates.
 * - `public`: aggregates only; no names, ID numbers or staff IDs; small counts suppressed.
 */
import { UsageError } from "../errors.ts";
import { isSmallCount, suppressTables, type Link, type NamedTables, type Suppressed, type TableShape } from "./suppression.ts";

export type Audience = { kind: "bureau" } | { kind: "public" } | { kind: "school"; schoolId: string };

/**
 * Public build: a count from 1 to SMALL_CELL_THRESHOLD − 1 people is suppressed (shown as 隐去),
 * so that no one can be picked out of a small group. Zero is shown: it identifies nobody.
 * A bureau may raise it; 5 is the usual minimum in official statistics practice.
 */
export const SMALL_CELL_THRESHOLD = 5;

/** The school_id the marts use for county rows. */
export const COUNTY = "ALL";

export function parseAudience(text: string): Audience {
  const value = text.trim();
  if (value === "bureau" || value === "public") return { kind: value };
  const match = /^school:(.+)$/.exec(value);
  if (match) return { kind: "school", schoolId: match[1]!.trim() };
  throw new UsageError(`audience "${text}" is not known: use bureau, public or school:<school_id>.`);
}

/** The audience as parseAudience reads it (what `--audience` takes). */
export const audienceText = (audience: Audience): string => (audience.kind === "school" ? `school:${audience.schoolId}` : audience.kind);

export const audienceLabel = (audience: Audience): string =>
  audience.kind === "bureau" ? "教育局内部版" : audience.kind === "public" ? "公开版（仅汇总数据）" : `学校版（${audience.schoolId}）`;

/** Person-level rows (one row = one staff member): none for the public; own school only for a school. */
export function peopleRows<T extends { school_id?: unknown }>(audience: Audience, rows: readonly T[]): T[] | null {
  if (audience.kind === "public") return null;
  if (audience.kind === "school") return rows.filter((row) => row.school_id === audience.schoolId);
  return [...rows];
}

/** Aggregate rows keyed by school: a school build sees the county rows and its own school's. */
export function schoolAggregates<T extends { school_id?: unknown }>(audience: Audience, rows: readonly T[]): T[] {
  if (audience.kind !== "school") return [...rows];
  return rows.filter((row) => row.school_id === COUNTY || row.school_id === audience.schoolId);
}

/** Is the school's own detail visible to this audience? */
export const seesSchool = (audience: Audience, schoolId: string): boolean =>
  audience.kind !== "school" || schoolId === audience.schoolId || schoolId === COUNTY;

export const isSmallCell = (value: unknown): boolean => isSmallCount(value, SMALL_CELL_THRESHOLD);

/**
 * For the public build: small counts replaced with null and listed in the row's `suppressed` (a
 * page shows 隐去), with the further counts that would give them back by subtraction from the
 * totals beside them, and every mean or share computed from a suppressed count
 * (src/site/suppression.ts). Other audiences: unchanged.
 */
export function suppressSmallCells<T extends Record<string, unknown>>(audience: Audience, rows: readonly T[], shape: TableShape): Suppressed<T>[] {
  return suppressLinkedTables(audience, { table: { rows, shape } }, []).table;
}

/** suppressSmallCells for tables that share sums (`links`), protected together: no table's totals give back another's cells. */
export function suppressLinkedTables<T extends NamedTables>(audience: Audience, tables: T, links: readonly Link[]): { [K in keyof T]: Suppressed<T[K]["rows"][number]>[] } {
  if (audience.kind === "public") return suppressTables(tables, links, SMALL_CELL_THRESHOLD);
  return Object.fromEntries(Object.entries(tables).map(([name, { rows }]) => [name, rows.map((row) => ({ ...row }))])) as { [K in keyof T]: Suppressed<T[K]["rows"][number]>[] };
}

/** A single headline count for the public: the number, or null when it is a small cell. */
export const publicCount = (audience: Audience, value: number): number | null =>
  audience.kind === "public" && isSmallCell(value) ? null : value;
