/** What every page needs about who is in scope: the schools the audience sees, and names when allowed. */
import { COUNTY, type Audience } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { labelOf, levelLabel } from "./labels.ts";

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

/** What every person list starts with: who, and where (the post's label when the list has one). */
export type PersonRow = { staff_id: unknown; name: unknown; school_id: unknown; post?: string | null };

/**
 * A person list as page data: staff ID, name, school and post (its label) first, then the page's
 * own fields; null stays null (the public build has no person lists).
 */
export function personList<T extends { staff_id?: unknown; name?: unknown; school_id?: unknown; post?: unknown }, F extends object>(
  people: T[] | null,
  fields: (row: T) => F,
): Columns<PersonRow & F> | null {
  if (people === null) return null;
  return toColumns(
    people.map((row) => ({
      staff_id: row.staff_id,
      name: row.name,
      school_id: row.school_id,
      ...(row.post === undefined ? {} : { post: labelOf("post", row.post) }),
      ...fields(row),
    })),
  ) as Columns<PersonRow & F>;
}

/** Rows of an aggregate table that a school build may see: county and its own school. */
export const inScope = (audience: Audience, schoolId: unknown): boolean =>
  audience.kind !== "school" || schoolId === COUNTY || schoolId === audience.schoolId;

/**
 * Person rows counted per school and for the county (ALL) by the keys `keys` gives each row, as
 * far as the audience sees schools: `{school_id, …keys, count}`.
 */
export function countPerSchool(
  audience: Audience,
  rows: readonly Record<string, unknown>[],
  keys: (row: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown>[] {
  const counts = new Map<string, Record<string, unknown> & { count: number }>();
  for (const row of rows) {
    for (const schoolId of [COUNTY, String(row.school_id)]) {
      const entry = { school_id: schoolId, ...keys(row) };
      const key = JSON.stringify(entry);
      const found = counts.get(key) ?? { ...entry, count: 0 };
      found.count++;
      counts.set(key, found);
    }
  }
  return [...counts.values()].filter((row) => inScope(audience, row.school_id));
}

/** The last school year that has ended by the as-of date (a year Y ends on Y+1-08-31). */
export function lastCompletedSchoolYear(asOf: string): number {
  const year = Number(asOf.slice(0, 4));
  return asOf.slice(5) >= "08-31" ? year - 1 : year - 2;
}

/** When the data was loaded (loaded_at, Beijing time), with the input fingerprint: one query for the pages and the build. */
export { loadInfoSql as loadedAtSql } from "./provenance.ts";
