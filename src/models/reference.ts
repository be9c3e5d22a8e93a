/**
 * Reference tables (dbt "seeds"): the code lists the models need — which posts are leaders,
 * how grades and degrees rank, which rotations cross schools, the age bands of the contract —
 * written once here from src/contract.ts and loaded as tables, so no model spells out a code list.
 */
import { dismissalBarringReasons, fileSpec, leaderPosts, middlePosts, vocabularies, workerPostCategories } from "../contract.ts";
import { valuesPlaceholders, type Database } from "../warehouse/duckdb.ts";

type Row = readonly (string | number | boolean | null)[];
interface ReferenceTable {
  name: string;
  columns: string;
  rows: readonly Row[];
}

const zh = (vocabulary: Record<string, readonly string[]>, code: string): string => vocabulary[code]?.[0] ?? code;

/** Posts that count as teaching (the `teacher` post group of age_structure and ROT-T9). */
const teachingPosts = ["teacher", "class_teacher", "grade_leader", "subject_leader"] as const;
/** Experience that counts toward APT-YEARS' "2 years as class teacher, grade or subject leader". */
const leadershipExperiencePosts = ["class_teacher", "grade_leader", "subject_leader"] as const;
/** 工勤 posts: women in them retire on the 50 track (digest §6). */
const workerPosts = ["service"] as const;

function postGroup(post: string): string {
  if ((leaderPosts as readonly string[]).includes(post)) return "leader";
  if ((middlePosts as readonly string[]).includes(post)) return "middle";
  if ((teachingPosts as readonly string[]).includes(post)) return "teacher";
  return "other";
}

/**
 * APT-PRINCIPAL (004 第3篇): the principal's conditions apply to the principal; a vice principal
 * or office head (中层正职) "原则上要达到校长上岗同等条件", judged so only when the policy switch says.
 */
const principalConditions: Readonly<Record<string, string>> = { principal: "always", vice_principal: "when_switched", middle_head: "when_switched" };
/** Methods that start the one-year trial at a school (contract v2: 新进, 调入; APT-TRIAL). */
const trialMethods = ["new_hire", "transfer_in"];

/** Order of the post list in the contract is also its seniority: a smaller rank outranks. */
const posts: Row[] = Object.keys(vocabularies.post).map((post, index) => [
  post,
  postGroup(post),
  index + 1,
  post === "middle_head",
  post === "middle_deputy",
  (leadershipExperiencePosts as readonly string[]).includes(post),
  (workerPosts as readonly string[]).includes(post),
  zh(vocabularies.post, post),
  principalConditions[post] ?? null,
]);

const gradeOrder = ["incompetent", "basic", "competent", "excellent"];
const educationOrder = ["other", "secondary", "associate", "bachelor", "postgraduate"];
/** Professional titles from lowest to highest (APT-PRINCIPAL: 一级及以上, 二级及以上). */
const titleOrder = ["unranked", "third", "second", "first", "senior", "senior_full"];

/** Temporary exemptions that may not run past ROT-EXEMPT's maximum (contract: exemptions). */
const cappedReasons = ["signature_course", "major_project"];

/**
 * The exit types of pending_exits: which are a dismissal or termination the school must notify in
 * writing ahead (EXIT-NOTICE: 解除或终止聘任), and which a valid protection bars (EXIT-PROTECT:
 * 学校不得解聘 covers dismissals, not retirement or a term running out).
 */
const exitTypes: Row[] = [
  ["retirement", false, false],
  ["cadre_age", false, false],
  ["term_end", true, false],
  ["term_limit", true, false],
  ["probation_end", false, false],
  // APT-TRIAL: not being kept on after a trial year is not a dismissal from a post held
  ["trial_end", false, false],
  ["appraisal_dismissal", true, true],
  ["vote_dismissal", true, true],
];

/**
 * The appraisal score and its four parts (PAY-SCORE: "each within its maximum, and together equal
 * to score"), with their Chinese headers from the contract. A part's maximum is the policy key
 * `PAY-SCORE.max_<column>`; the score's is the sum of the parts' maxima.
 */
const scoreParts = ["attitude", "ability", "duties", "results"];
const appraisalScoreColumns: Row[] = [...scoreParts, "score"].map((name) => [
  name,
  scoreParts.includes(name),
  fileSpec("appraisals").columns.find((column) => column.name === name)!.aliases[0]!,
]);

/** An empty 人事关系随迁 reads 是 for these types and 否 for the others (contract v2: Time). */
const relationMovedWhenBlank = ["transfer", "group", "cluster"];
/**
 * Rotations after which the person owes a service period at the new school (ROT-SERVE): every
 * exchange between schools, not 挂职锻炼 (a training posting of a term or a year, as ROT-TERM's
 * 轮岗锻炼, not an exchange of staff) and not 校内轮岗.
 */
const withoutServicePeriod = ["secondment", "internal"];

const ageBands: Row[] = [["≤24", 0, 24, 1]];
for (let low = 25, order = 2; low < 60; low += 5, order++) ageBands.push([`${low}-${low + 4}`, low, low + 4, order]);
ageBands.push(["≥60", 60, 200, ageBands.length + 1]);

export const referenceTables: readonly ReferenceTable[] = [
  {
    name: "ref_posts",
    columns: "post varchar, post_group varchar, post_rank integer, is_middle_head boolean, is_middle_deputy boolean, " +
      "counts_as_leadership_experience boolean, is_worker_post boolean, post_zh varchar, principal_conditions varchar",
    rows: posts,
  },
  {
    name: "ref_grades",
    columns: "grade varchar, grade_rank integer, grade_zh varchar",
    rows: gradeOrder.map((grade, index) => [grade, index + 1, grade === "competent" ? "称职" : grade === "basic" ? "基本称职" : grade === "incompetent" ? "不称职" : "优秀"]),
  },
  {
    name: "ref_education",
    columns: "education varchar, education_rank integer, education_zh varchar",
    rows: educationOrder.map((education, index) => [education, index + 1, zh(vocabularies.education, education)]),
  },
  {
    name: "ref_methods",
    columns: "method varchar, method_zh varchar, starts_trial boolean",
    rows: Object.keys(vocabularies.method).map((method) => [method, zh(vocabularies.method, method), trialMethods.includes(method)]),
  },
  {
    name: "ref_titles",
    columns: "title varchar, title_rank integer, title_zh varchar",
    rows: titleOrder.map((title, index) => [title, index + 1, zh(vocabularies.title, title)]),
  },
  {
    name: "ref_levels",
    columns: "level varchar, level_zh varchar",
    rows: Object.keys(vocabularies.level).map((level) => [level, zh(vocabularies.level, level)]),
  },
  {
    name: "ref_rotation_types",
    columns: "rotation_type varchar, is_between_schools boolean, rotation_type_zh varchar, moves_relation_when_blank boolean, has_service_period boolean",
    rows: Object.keys(vocabularies.rotation_type).map((type) => [
      type, type !== "internal", zh(vocabularies.rotation_type, type), relationMovedWhenBlank.includes(type), !withoutServicePeriod.includes(type),
    ]),
  },
  {
    name: "ref_exemption_reasons",
    columns: "reason varchar, is_capped boolean, reason_zh varchar, bars_dismissal boolean",
    rows: Object.keys(vocabularies.exemption_reason).map((reason) => [
      reason,
      cappedReasons.includes(reason),
      zh(vocabularies.exemption_reason, reason),
      (dismissalBarringReasons as readonly string[]).includes(reason),
    ]),
  },
  {
    name: "ref_post_categories",
    columns: "post_category varchar, is_worker_track boolean, post_category_zh varchar",
    rows: Object.keys(vocabularies.post_category).map((category) => [
      category,
      (workerPostCategories as readonly string[]).includes(category),
      zh(vocabularies.post_category, category),
    ]),
  },
  {
    name: "ref_exit_types",
    columns: "exit_type varchar, needs_notice boolean, can_be_barred boolean",
    rows: exitTypes,
  },
  {
    name: "ref_locations",
    // 城镇 = urban or town (ROT-RATIO); 城区 alone is urban (ROT-DEFER's 城区教师)
    columns: "location varchar, is_urban_or_town boolean, is_urban boolean, is_rural boolean",
    rows: Object.keys(vocabularies.location).map((location) => [location, location !== "rural", location === "urban", location === "rural"]),
  },
  {
    name: "ref_tiers",
    columns: "tier varchar, is_strong boolean, tier_zh varchar",
    rows: Object.keys(vocabularies.tier).map((tier) => [tier, tier === "strong", zh(vocabularies.tier, tier)]),
  },
  { name: "ref_score_columns", columns: "score_column varchar, is_part boolean, label_zh varchar", rows: appraisalScoreColumns },
  { name: "ref_genders", columns: "gender varchar, gender_zh varchar", rows: [["M", "男"], ["F", "女"]] },
  { name: "ref_age_bands", columns: "age_band varchar, min_age integer, max_age integer, band_order integer", rows: ageBands },
];

/**
 * Creates every reference table; values go in as bound parameters, one insert per table (an
 * insert per row cost more than the rest of a small model test's build).
 */
export async function loadReferenceTables(db: Database): Promise<void> {
  for (const table of referenceTables) {
    await db.connection.run(`create table ${table.name} (${table.columns})`);
    if (table.rows.length === 0) continue;
    const width = table.columns.split(",").length;
    const statement = await db.connection.prepare(`insert into ${table.name} values ${valuesPlaceholders(table.rows.length, width)}`);
    table.rows.forEach((row, rowIndex) => row.forEach((value, index) => bind(statement, rowIndex * width + index + 1, value)));
    await statement.run();
  }
}

function bind(statement: Awaited<ReturnType<Database["connection"]["prepare"]>>, index: number, value: Row[number]): void {
  if (value === null) statement.bindNull(index);
  else if (typeof value === "boolean") statement.bindBoolean(index, value);
  else if (typeof value === "number") statement.bindInteger(index, value);
  else statement.bindVarchar(index, value);
}
