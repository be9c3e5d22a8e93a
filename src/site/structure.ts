/** 干部结构: age pyramids, the cadre team (young cadres), title and education, the reserve-cadre pool, the establishment (职数). */
import { peopleRows, suppressSmallCells } from "./audience.ts";
import { establishmentData } from "./establishment.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { genderLabel, labelOf, postGroupLabels } from "./labels.ts";
import { countPerSchool, inScope, personList, visibleSchools, withNames } from "./scope.ts";

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
            cadre.years_in_post, cadre.years_in_school, staff.title, staff.education
     from cadre_tenure cadre left join stg_staff staff using (staff_id)
     order by cadre.school_id, cadre.post, cadre.staff_id`,
  );
  // The cadre team per school (and county) × post group, young cadres judged in the model
  // (YOUNG-CADRE): every audience may see it, small cells suppressed.
  const team = await context.rows(
    `select school_id, post_group, cadres, young_cadres as young, young_cadres / cadres as young_share, young_cadre_max_age,
            mean_age, mean_years_in_post, mean_years_in_school
     from cadre_team order by school_id, post_group`,
  );
  const summary = team
    .filter((row) => inScope(audience, row.school_id))
    .map(({ young_cadre_max_age: _age, ...row }) => ({ ...row, post_group: postGroupLabels[String(row.post_group)] ?? row.post_group }));
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
    // the age the model counted young cadres by (YOUNG-CADRE.max_age: "40岁以下" includes 40)
    youngCadreMaxAge: team[0]?.young_cadre_max_age ?? null,
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
    ...(await reserveData(context)),
    ...(await establishmentData(context)),
    people: personList(people, (row) => ({
      department: row.department,
      gender: genderLabel(row.gender),
      age: row.age,
      years_in_post: row.years_in_post,
      years_in_school: row.years_in_school,
      title: labelOf("title", row.title),
      education: labelOf("education", row.education),
    })),
  };
}

/** The reserve-cadre pool (APT-RESERVE): counts per school and county for all, names for bureau and school builds. */
async function reserveData(context: PageContext) {
  const { audience } = context;
  const pool = await context.rows(
    `select staff_id, school_id, post, candidate_for, gender, age, years_in_school, experience_years, explanation
     from reserve_cadres order by school_id, candidate_for, staff_id`,
  );
  const counts = countPerSchool(audience, pool, (row) => ({ candidate_for: postGroupLabels[String(row.candidate_for)] ?? row.candidate_for }));
  const people = await withNames(context, peopleRows(audience, pool));
  return {
    reserveCounts: toColumns(suppressSmallCells(audience, counts, { counts: ["count"] })),
    reservePeople: personList(people, (row) => ({
      candidate_for: postGroupLabels[String(row.candidate_for)] ?? row.candidate_for,
      gender: genderLabel(row.gender),
      age: row.age,
      years_in_school: row.years_in_school,
      experience_years: row.experience_years,
      explanation: row.explanation,
    })),
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
