/** 干部结构: age pyramids, cadre tenure, title and education (cadres, and all staff by post group), share of young cadres. */
import { peopleRows, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { genderLabel, labelOf, postGroupLabels } from "./labels.ts";
import { inScope, visibleSchools, withNames } from "./scope.ts";

/** "Young cadre": under 40 on the as-of date (the 000 policy's age for a first middle-cadre post; a local choice). */
export const YOUNG_CADRE_MAX_AGE = 39;

export async function structureData(context: PageContext) {
  const { audience } = context;
  const schools = await visibleSchools(context);
  const pyramid = (
    await context.rows(
      `select school_id, post_group, gender, age_band, headcount::integer as headcount from age_structure
       where gender in ('M', 'F') and post_group in ('leader', 'middle', 'teacher') and headcount > 0
       order by school_id, post_group, gender, age_band`,
    )
  ).filter((row) => inScope(audience, row.school_id));

  const cadres = await context.rows(
    `select cadre.staff_id, cadre.school_id, cadre.post, cadre.department, cadre.age::integer as age, cadre.gender,
            cadre.years_in_post, cadre.years_in_school, staff.title, staff.education,
            case when cadre.post in ('middle_head', 'middle_deputy') then 'middle' else 'leader' end as post_group
     from cadre_tenure cadre left join stg_staff staff using (staff_id)
     order by cadre.school_id, cadre.post, cadre.staff_id`,
  );
  // Aggregates per school (and county) × post group: what every audience may see, small cells suppressed.
  const groups = new Map<string, { school_id: string; post_group: string; rows: typeof cadres }>();
  for (const cadre of cadres) {
    for (const schoolId of ["ALL", String(cadre.school_id)]) {
      for (const group of [String(cadre.post_group), "all"]) {
        const key = `${schoolId}|${group}`;
        const entry = groups.get(key) ?? { school_id: schoolId, post_group: group, rows: [] };
        entry.rows.push(cadre);
        groups.set(key, entry);
      }
    }
  }
  const summary = [...groups.values()]
    .filter((group) => inScope(audience, group.school_id))
    .map(({ school_id, post_group, rows }) => ({
      school_id,
      post_group: postGroupLabels[post_group] ?? post_group,
      cadres: rows.length,
      young: rows.filter((row) => Number(row.age) <= YOUNG_CADRE_MAX_AGE).length,
      young_share: rows.filter((row) => Number(row.age) <= YOUNG_CADRE_MAX_AGE).length / rows.length,
      mean_age: round(mean(rows.map((row) => Number(row.age)))),
      mean_years_in_post: round(mean(rows.map((row) => Number(row.years_in_post)))),
      mean_years_in_school: round(mean(rows.map((row) => Number(row.years_in_school)))),
    }));
  const distribution = (field: "title" | "education", vocabulary: "title" | "education") =>
    suppressSmallCells(
      audience,
      countBy(cadres.filter((row) => inScope(audience, row.school_id)), (row) => [String(row.school_id), labelOf(vocabulary, row[field]) ?? "未填"], [
        "school_id",
        field,
      ]).concat(countBy(cadres, (row) => ["ALL", labelOf(vocabulary, row[field]) ?? "未填"], ["school_id", field])),
      { counts: ["count"] },
    );

  // Everyone in post (staff_structure): title and education per school (and county) × post group.
  const staffDistribution = async (field: "title" | "education") =>
    suppressSmallCells(
      audience,
      (
        await context.rows(
          `select school_id, post_group, ${field}, sum(headcount)::integer as count from staff_structure
           group by school_id, post_group, ${field} order by school_id, post_group, ${field}`,
        )
      )
        .filter((row) => inScope(audience, row.school_id))
        .map((row) => ({ ...row, [field]: row[field] === "unknown" ? "未填" : labelOf(field, row[field]) })),
      { counts: ["count"] },
    );

  const people = await withNames(context, peopleRows(audience, cadres));
  return {
    schools: toColumns(schools),
    youngCadreMaxAge: YOUNG_CADRE_MAX_AGE,
    pyramid: toColumns(suppressSmallCells(audience, pyramid, { counts: ["headcount"] }), ["school_id", "post_group", "gender", "age_band", "headcount"]),
    summary: toColumns(
      suppressSmallCells(audience, summary, {
        counts: ["cadres", "young"],
        // Averages and shares of fewer than five people describe those people: suppressed with the count.
        derived: { young_share: ["cadres", "young"], mean_age: ["cadres"], mean_years_in_post: ["cadres"], mean_years_in_school: ["cadres"] },
      }),
    ),
    titles: toColumns(distribution("title", "title")),
    education: toColumns(distribution("education", "education")),
    postGroups: Object.entries(postGroupLabels).map(([value, label]) => ({ value, label })),
    staffTitles: toColumns(await staffDistribution("title")),
    staffEducation: toColumns(await staffDistribution("education")),
    people:
      people &&
      toColumns(
        people.map((row) => ({
          staff_id: row.staff_id,
          name: row.name,
          school_id: row.school_id,
          post: labelOf("post", row.post),
          department: row.department,
          gender: genderLabel(row.gender),
          age: row.age,
          years_in_post: row.years_in_post,
          years_in_school: row.years_in_school,
          title: labelOf("title", row.title),
          education: labelOf("education", row.education),
        })),
      ),
  };
}

function countBy<T>(rows: readonly T[], key: (row: T) => string[], names: string[]): Record<string, unknown>[] {
  const counts = new Map<string, { values: string[]; count: number }>();
  for (const row of rows) {
    const values = key(row);
    const id = values.join("\u0000");
    const entry = counts.get(id) ?? { values, count: 0 };
    entry.count++;
    counts.set(id, entry);
  }
  return [...counts.values()].map(({ values, count }) => ({ ...Object.fromEntries(names.map((name, i) => [name, values[i]])), count }));
}

const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / (values.length || 1);
const round = (value: number): number => Math.round(value * 10) / 10;
