/**
 * 干部结构's establishment section (APT-ESTABLISHMENT, cadre_establishment): each school's leader
 * and office posts against its approved numbers, per post group, with the county's summary.
 *
 * Bureau and school builds get the school × post-group table, each post's row (the source of its
 * number) and the people who hold an over-establishment post, by name. The public build gets the
 * county's rows only: a school's people in post are its cadres, whom the cadre team table beside
 * it already counts and suppresses, and two copies of one count suppressed apart give each other's
 * hidden cells back. The county's counts still go through suppressSmallCells (a county of a few schools
 * has small ones), `over` and `vacant` with `in_post`: with the approved number published they are
 * in_post by another name.
 */
import { COUNTY, peopleRows, suppressSmallCells, type Audience } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { labelOf, postGroupLabels } from "./labels.ts";
import { inScope, personList, withNames } from "./scope.ts";
import type { TableShape } from "./suppression.ts";

interface PostRow {
  school_id: string;
  post: string;
  post_group: string;
  department: string | null;
  approved: number;
  in_post: number;
  over: boolean;
  vacant: number | null;
  source: string;
  explanation: string;
  staff_ids: string | null;
}

interface GroupRow {
  school_id: string;
  post_group: string;
  approved: number;
  in_post: number;
  /** People beyond the approved number, summed over the group's posts. */
  over: number;
  /** Approved posts nobody holds, summed over the group's posts. */
  vacant: number;
  [column: string]: unknown;
}

/** The group totals row (all cadre posts of a school). */
const ALL_GROUPS = "all";

export const establishmentShape: TableShape = {
  keys: [{ column: "school_id", total: COUNTY }, { column: "post_group", total: ALL_GROUPS }],
  // over and vacant are in_post less the published approved number, post by post: hidden with it
  counts: ["in_post"],
  derived: { over: ["in_post"], vacant: ["in_post"] },
};

/** School × post group (and each school's and the county's totals), from the post rows. */
export function groupTable(posts: readonly PostRow[]): GroupRow[] {
  const groups = new Map<string, GroupRow>();
  for (const row of posts) {
    for (const school of [row.school_id, COUNTY]) {
      for (const group of [row.post_group, ALL_GROUPS]) {
        const key = `${school}|${group}`;
        const entry = groups.get(key) ?? { school_id: school, post_group: group, approved: 0, in_post: 0, over: 0, vacant: 0 };
        entry.approved += row.approved;
        entry.in_post += row.in_post;
        entry.over += Math.max(row.in_post - row.approved, 0);
        entry.vacant += row.vacant ?? 0;
        groups.set(key, entry);
      }
    }
  }
  return [...groups.values()].sort((a, b) => a.school_id.localeCompare(b.school_id) || a.post_group.localeCompare(b.post_group));
}

/** The audience's copy of the group table: a school sees its own and the county's rows; the public, the county's, suppressed. */
export function groupsFor(audience: Audience, groups: readonly GroupRow[]): (GroupRow & { suppressed?: string[] })[] {
  if (audience.kind === "public") return suppressSmallCells(audience, groups.filter((row) => row.school_id === COUNTY), establishmentShape);
  return groups.filter((row) => inScope(audience, row.school_id));
}

export async function establishmentData(context: PageContext) {
  const { audience } = context;
  const posts = await context.rows<PostRow>(
    `select school_id, post, post_group, department, approved, in_post, over, vacant, source, explanation, staff_ids
     from cadre_establishment order by school_id, post_rank, department`,
  );
  const groups = groupsFor(audience, groupTable(posts)).map((row) => ({ ...row, post_group: postGroupLabels[row.post_group] ?? row.post_group }));
  // schools, not people: a count of schools over establishment identifies nobody
  const schoolsOver = new Set(posts.filter((row) => row.over).map((row) => row.school_id));
  const visiblePosts = peopleRows(audience, posts);
  const holders = visiblePosts?.filter((row) => row.over).flatMap((row) =>
    (row.staff_ids ?? "").split("、").filter(Boolean).map((staff_id) => ({ ...row, staff_id })),
  ) ?? null;
  return {
    establishmentSummary: {
      schools: new Set(posts.map((row) => row.school_id)).size,
      schoolsOver: schoolsOver.size,
      ownSchoolOver: audience.kind === "school" ? schoolsOver.has(audience.schoolId) : null,
    },
    establishmentGroups: toColumns(groups),
    establishmentPosts: visiblePosts && toColumns(visiblePosts.map(({ staff_ids: _ids, post_group: _group, ...row }) => ({ ...row, post: labelOf("post", row.post) }))),
    establishmentHolders: personList(await withNames(context, holders), (row) => ({
      department: row.department,
      approved: row.approved,
      in_post: row.in_post,
      source: row.source,
      explanation: row.explanation,
    })),
  };
}
