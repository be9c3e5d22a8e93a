/** 干部结构: age pyramids, the cadre team (young cadres), title and education, the reserve-cadre pool, the establishment (职数). */
import { COUNTY, peopleRows, suppressLinkedTables, suppressSmallCells, type Audience } from "./audience.ts";
import { establishmentData } from "./establishment.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { genderLabel, labelOf, postGroupLabels } from "./labels.ts";
import { countPerSchool, inScope, personList, visibleSchools, withNames, type PersonRow, type SchoolInfo } from "./scope.ts";
import { sharedResult } from "./shared.ts";
import type { Link, Suppressed, TableShape } from "./suppression.ts";

/** People in post per school (and ALL) × post group × gender × five-year age band. */
export type PyramidRow = { school_id: string; post_group: string; gender: string; age_band: string; headcount: number | null };
/** The cadre team per school (and ALL) × post group (its label; 全体 = leaders and middle cadres). */
export type CadreSummaryRow = {
  school_id: string;
  post_group: string;
  cadres: number | null;
  young: number | null;
  young_share: number | null;
  mean_age: number | null;
  mean_years_in_post: number | null;
  mean_years_in_school: number | null;
};
export type CadreTitleRow = { school_id: string; title: string; count: number | null };
export type CadreEducationRow = { school_id: string; education: string; count: number | null };
/** Everyone in post per school (and ALL) × post group (code; `all` = every group) × title or education. */
export type StaffTitleRow = { school_id: string; post_group: string; title: string | null; count: number | null };
export type StaffEducationRow = { school_id: string; post_group: string; education: string | null; count: number | null };
/** The county's people in post per post group (code), as 总览 shows them. */
export type HeadcountRow = { post_group: string; headcount: number | null };
export type ReserveCountRow = { school_id: string; candidate_for: string; count: number | null };
type CadrePerson = { department: unknown; gender: string | null; age: unknown; years_in_post: unknown; years_in_school: unknown; title: string | null; education: string | null };
type ReservePerson = { candidate_for: unknown; gender: string | null; age: unknown; years_in_school: unknown; experience_years: unknown; explanation: unknown };

/** 干部结构's page data: what src/site/structure.ts writes and reports/structure.md reads. */
export interface StructureData extends Awaited<ReturnType<typeof establishmentData>> {
  schools: Columns<SchoolInfo>;
  youngCadreMaxAge: number | null;
  pyramid: Columns<PyramidRow>;
  summary: Columns<Suppressed<CadreSummaryRow>>;
  titles: Columns<Suppressed<CadreTitleRow>>;
  education: Columns<Suppressed<CadreEducationRow>>;
  postGroups: { value: string; label: string }[];
  staffTitles: Columns<Suppressed<StaffTitleRow>>;
  staffEducation: Columns<Suppressed<StaffEducationRow>>;
  reserveCounts: Columns<Suppressed<ReserveCountRow>>;
  reservePeople: Columns<PersonRow & ReservePerson> | null;
  people: Columns<PersonRow & CadrePerson> | null;
}

const perSchool = { column: "school_id", total: COUNTY } as const;

/**
 * The page's counts as published tables (the county row sums the schools', 全体 or `all` the post
 * groups), and below them the sums that tie the tables: the same people counted two ways.
 */
export const structureShapes = {
  pyramid: { keys: [perSchool, { column: "post_group" }, { column: "gender" }, { column: "age_band" }], counts: ["headcount"] },
  summary: {
    keys: [perSchool, { column: "post_group", total: postGroupLabels.all! }],
    counts: ["cadres", "young"],
    // Averages and shares of fewer than five people describe those people: suppressed with the count.
    derived: { young_share: ["cadres", "young"], mean_age: ["cadres"], mean_years_in_post: ["cadres"], mean_years_in_school: ["cadres"] },
  },
  titles: { keys: [perSchool, { column: "title" }], counts: ["count"] },
  education: { keys: [perSchool, { column: "education" }], counts: ["count"] },
  staffTitles: { keys: [perSchool, { column: "post_group", total: "all" }, { column: "title" }], counts: ["count"] },
  staffEducation: { keys: [perSchool, { column: "post_group", total: "all" }, { column: "education" }], counts: ["count"] },
  headcounts: { keys: [{ column: "post_group" }], counts: ["headcount"] },
} satisfies Record<string, TableShape>;

const codeOfGroup = Object.fromEntries(Object.entries(postGroupLabels).map(([code, label]) => [label, code]));
const isCadreGroup = (row: Record<string, unknown>) => row.post_group === "leader" || row.post_group === "middle";
const schoolGroup = (row: Record<string, unknown>) => `${String(row.school_id)}|${String(row.post_group)}`;
const staffSides = (["staffTitles", "staffEducation", "pyramid"] as const).map((table) => ({ table, count: table === "pyramid" ? "headcount" : "count", key: schoolGroup }));
export const structureLinks: Link[] = [
  {
    sides: [
      { table: "summary", count: "cadres", key: (row) => (row.post_group === postGroupLabels.all ? String(row.school_id) : null) },
      { table: "titles", count: "count", key: (row) => String(row.school_id) },
      { table: "education", count: "count", key: (row) => String(row.school_id) },
    ],
  },
  // The staff per school and post group by title, by education and by gender and age are the
  // same people: the three add up to the same number, and the county's to 总览's headcounts.
  {
    sides: [
      { table: "headcounts", count: "headcount", key: (row) => `${COUNTY}|${String(row.post_group)}` },
      ...staffSides,
      // its leaders and middle cadres (全体, the two together, is in the first link)
      { table: "summary", count: "cadres", key: (row) => (row.post_group === postGroupLabels.all ? null : `${String(row.school_id)}|${codeOfGroup[String(row.post_group)]}`) },
    ],
  },
  // A school's cadres by title (and by education) are its staff in leader and middle posts by title
  {
    sides: [
      { table: "titles", count: "count", key: (row) => `${String(row.school_id)}|${String(row.title)}` },
      { table: "staffTitles", count: "count", key: (row) => (isCadreGroup(row) ? `${String(row.school_id)}|${String(row.title)}` : null) },
    ],
  },
  {
    sides: [
      { table: "education", count: "count", key: (row) => `${String(row.school_id)}|${String(row.education)}` },
      { table: "staffEducation", count: "count", key: (row) => (isCadreGroup(row) ? `${String(row.school_id)}|${String(row.education)}` : null) },
    ],
  },
];

/**
 * The public build shows the cadres once, in the cadre tables: its staff tables keep the teachers
 * and other staff, its age pyramids each school's teachers and the county's every group. Shown
 * again by post group, the cadres' counts add up to the cadre tables' and give their small cells
 * back (a school's leaders by title are its cadres by title less its middle cadres by title);
 * protecting both, the suppression hides nearly every cadre figure.
 */
const inStaffTables = (audience: Audience, row: { post_group: string }): boolean => audience.kind !== "public" || !isCadreGroup(row) && row.post_group !== "all";
const inPyramid = (audience: Audience, row: { school_id: string; post_group: string }): boolean => audience.kind !== "public" || row.school_id === COUNTY || !isCadreGroup(row);

/**
 * The counts of people on this page (and 总览's headcounts, which they add up to), suppressed
 * together for the public build. Once per build: 总览 and 年度总结 publish them too (shared.ts).
 */
export const structureCounts = (context: PageContext) => sharedResult(context, "structure-counts", () => countStructure(context));

async function countStructure(context: PageContext) {
  const { audience } = context;
  const pyramid = (
    await context.rows<PyramidRow>(
      `select school_id, post_group, gender, age_band, headcount::integer as headcount from age_structure
       where gender in ('M', 'F') and post_group in ('leader', 'middle', 'teacher') and headcount > 0
       order by school_id, post_group, gender, age_band`,
    )
  ).filter((row) => inScope(audience, row.school_id) && inPyramid(audience, row));
  const cadres = await cadreRows(context);
  // The cadre team per school (and county) × post group, young cadres judged in the model
  // (YOUNG-CADRE): every audience may see it, small cells suppressed.
  const team = await context.rows<Omit<CadreSummaryRow, "post_group"> & { post_group: string; young_cadre_max_age: number }>(
    `select school_id, post_group, cadres, young_cadres as young, young_cadres / cadres as young_share, young_cadre_max_age,
            mean_age, mean_years_in_post, mean_years_in_school
     from cadre_team order by school_id, post_group`,
  );
  const summary = team
    .filter((row) => inScope(audience, row.school_id))
    .map(({ young_cadre_max_age: _age, ...row }): CadreSummaryRow => ({ ...row, post_group: postGroupLabels[row.post_group] ?? row.post_group }));
  const distribution = <F extends "title" | "education">(field: F) =>
    countPerSchool(audience, cadres, (row) => ({ [field]: labelOf(field, row[field]) ?? "未填" })) as ({ school_id: string; count: number } & Record<F, string>)[];
  // Everyone in post (staff_structure): title and education per school (and county) × post group.
  const staffDistribution = async <F extends "title" | "education">(field: F) =>
    (
      await context.rows<{ school_id: string; post_group: string; count: number } & Record<F, string>>(
        `select school_id, post_group, ${field}, sum(headcount)::integer as count from staff_structure
         group by school_id, post_group, ${field} order by school_id, post_group, ${field}`,
      )
    )
      .filter((row) => inScope(audience, row.school_id) && inStaffTables(audience, row))
      .map((row) => ({ ...row, [field]: row[field] === "unknown" ? "未填" : labelOf(field, row[field]) }));
  // 总览's headline: the people in post in the county (a school build's own, there), per post group
  const headcounts = await context.rows<HeadcountRow>(
    `select post_group, sum(headcount)::integer as headcount from age_structure
     where school_id = $school and gender in ('M', 'F') group by post_group order by post_group`,
    { school: audience.kind === "school" ? audience.schoolId : COUNTY },
  );
  const tables = {
    pyramid: { rows: pyramid, shape: structureShapes.pyramid },
    summary: { rows: summary, shape: structureShapes.summary },
    titles: { rows: distribution("title"), shape: structureShapes.titles },
    education: { rows: distribution("education"), shape: structureShapes.education },
    staffTitles: { rows: await staffDistribution("title"), shape: structureShapes.staffTitles },
    staffEducation: { rows: await staffDistribution("education"), shape: structureShapes.staffEducation },
    headcounts: { rows: headcounts, shape: structureShapes.headcounts },
  };
  return { ...suppressLinkedTables(audience, tables, structureLinks), youngCadreMaxAge: team[0]?.young_cadre_max_age ?? null };
}

const cadreRows = (context: PageContext) =>
  context.rows<{ staff_id: string; school_id: string; post: string; department: string | null; age: number; gender: string; years_in_post: number; years_in_school: number; title: string | null; education: string | null }>(
    `select cadre.staff_id, cadre.school_id, cadre.post, cadre.department, cadre.age::integer as age, cadre.gender,
            cadre.years_in_post, cadre.years_in_school, staff.title, staff.education
     from cadre_tenure cadre left join stg_staff staff using (staff_id)
     order by cadre.school_id, cadre.post, cadre.staff_id`,
  );

export async function structureData(context: PageContext): Promise<StructureData> {
  const { audience } = context;
  const counts = await structureCounts(context);
  const people = await withNames(context, peopleRows(audience, await cadreRows(context)));
  return {
    schools: toColumns(await visibleSchools(context)),
    // the age the model counted young cadres by (YOUNG-CADRE.max_age: "40岁以下" includes 40)
    youngCadreMaxAge: counts.youngCadreMaxAge,
    pyramid: toColumns(counts.pyramid, ["school_id", "post_group", "gender", "age_band", "headcount"]),
    summary: toColumns(counts.summary),
    titles: toColumns(counts.titles),
    education: toColumns(counts.education),
    postGroups: Object.entries(postGroupLabels).map(([value, label]) => ({ value, label })),
    staffTitles: toColumns(counts.staffTitles),
    staffEducation: toColumns(counts.staffEducation),
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

export const reserveShape: TableShape = { keys: [perSchool, { column: "candidate_for" }], counts: ["count"] };

/** The reserve-cadre pool (APT-RESERVE): counts per school and county for all, names for bureau and school builds. */
async function reserveData(context: PageContext) {
  const { audience } = context;
  const pool = await context.rows<{ staff_id: string; school_id: string; post: string; candidate_for: string; gender: string; age: number; years_in_school: number; experience_years: number; explanation: string }>(
    `select staff_id, school_id, post, candidate_for, gender, age, years_in_school, experience_years, explanation
     from reserve_cadres order by school_id, candidate_for, staff_id`,
  );
  const counts = countPerSchool(audience, pool, (row) => ({ candidate_for: postGroupLabels[String(row.candidate_for)] ?? String(row.candidate_for) })) as ReserveCountRow[];
  const people = await withNames(context, peopleRows(audience, pool));
  return {
    reserveCounts: toColumns(suppressSmallCells(audience, counts, reserveShape)),
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
