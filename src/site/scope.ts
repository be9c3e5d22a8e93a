/** What every page needs about who is in scope: the schools the audience sees, and names when allowed. */
import { COUNTY, type Audience } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { levelLabel } from "./labels.ts";

export interface SchoolInfo {
  school_id: string;
  school_name: string;
  level: string | null;
}

/** The schools whose own figures the audience may see (all of them, or a school build's own). */
export async function visibleSchools(context: PageContext): Promise<SchoolInfo[]> {
  const rows = await context.rows(`select school_id, school_name, level from stg_schools order by school_id`);
  return rows
    .filter((row) => context.audience.kind !== "school" || row.school_id === context.audience.schoolId)
    .map((row) => ({ school_id: String(row.school_id), school_name: String(row.school_name), level: levelLabel(row.level) }));
}

/**
 * staff_id → name, for bureau and school builds only (the public build never reads a name).
 * A school build gets only its own people's names: the rows it is applied to are already filtered.
 */
export async function staffNames(context: PageContext): Promise<(staffId: unknown) => string | null> {
  if (context.audience.kind === "public") throw new Error("staff names requested for the public build: a page must not do this.");
  const rows = await context.rows(`select staff_id, name from staff_names`);
  const byId = new Map(rows.map((row) => [String(row.staff_id), row.name === null ? null : String(row.name)]));
  return (staffId) => byId.get(String(staffId)) ?? null;
}

/** Adds the name to person rows (bureau/school); null in, null out (public). */
export async function withNames<T extends { staff_id?: unknown }>(context: PageContext, rows: T[] | null): Promise<(T & { name: string | null })[] | null> {
  if (rows === null) return null;
  const nameOf = await staffNames(context);
  return rows.map((row) => ({ ...row, name: nameOf(row.staff_id) }));
}

/** Rows of an aggregate table that a school build may see: county and its own school. */
export const inScope = (audience: Audience, schoolId: unknown): boolean =>
  audience.kind !== "school" || schoolId === COUNTY || schoolId === audience.schoolId;

/** The last school year that has ended by the as-of date (a year Y ends on Y+1-08-31). */
export function lastCompletedSchoolYear(asOf: string): number {
  const year = Number(asOf.slice(0, 4));
  return asOf.slice(5) >= "08-31" ? year - 1 : year - 2;
}

/** When the data was loaded (loaded_at, Beijing time), with the input fingerprint: one query for the pages and the build. */
export { loadInfoSql as loadedAtSql } from "./provenance.ts";
