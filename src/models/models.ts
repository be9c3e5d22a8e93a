/**
 * The models in the order they are built: macros, staging (the only layer that reads raw and
 * policy tables), intermediate, then the marts named exactly as the contract's output tables.
 * An explicit list rather than parsed dependencies: with twenty files the order is easy to read
 * and a wrong order fails at once with "table … does not exist".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const sqlDir = fileURLToPath(new URL("../../sql/", import.meta.url));

export const macrosFile = "macros.sql";

export const stagingModels = [
  "stg_schools",
  "stg_staff",
  "stg_appointments",
  "stg_appraisals",
  "stg_rotations",
  "stg_exemptions",
  "stg_policy_multipliers",
  "stg_policy_retirement_tracks",
  "stg_policy_office_aliases",
  "stg_policy_establishment",
  "stg_establishments",
  "stg_load_files",
] as const;

/**
 * Staging models built as views, not tables. Appraisals are the largest input and staging only
 * renames them and joins a small reference table: as a table, all 8.1 M rows (1 M staff) were
 * copied into the model database, memory the later models then spilled to disk for; as a view,
 * each of its six readers scans the columns it needs. stg_appointments stays a table: as a view
 * it saved 5 s more at 1 M staff, but its 18 readers planning it again cost every small build
 * about 10 %, and the tests build hundreds. The warehouse is detached after the build, so
 * buildMarts drops the views then.
 */
export const viewModels: ReadonlySet<string> = new Set(["stg_appraisals"]);

/**
 * The cadre models come before the rotation ones: the rotation chain's tables are the largest
 * (4 M rows each at a province's size), and built first they would sit in memory, or spill to
 * disk, while the cadre models run (at 1 M staff those then took 9.4 s instead of 7.7 s).
 */
export const intermediateModels = [
  "int_school_years",
  "int_evaluation_dates",
  "int_rotation_rules",
  "int_cadre_spells",
  "int_cadre_terms",
  "int_merged_stretches",
  "int_dismissal_protection",
  "int_cadre_exit_tests",
  "int_cadre_appointments",
  "int_principal_conditions",
  "int_attachments_resolved",
  "int_post_segments",
  "int_people_on_dates",
  "int_retirement_dates",
  "int_years_in_school",
  "int_exemptions_valid",
  "int_rotation_bars",
  "int_rotation_service",
  "int_rotation_eligibility",
  "int_rotation_explained",
  "int_rotation_targets",
  "int_rotation_moves",
  "int_rotation_counts",
] as const;

/** The contract tables `cadreboard models` writes (v2 adds cadre_establishment), in a stable order. */
export const martNames = [
  "age_structure",
  "cadre_tenure",
  "rotation_due",
  "rotation_compliance",
  "reverse_flow",
  "performance_pay",
  "pending_exits",
  "appointment_checks",
  "reform_summary",
  "rejects",
  "cadre_establishment",
] as const;

/** Marts the report site reads beyond the contract's (not written by `cadreboard models`). */
export const siteMartNames = [
  "staff_structure",
  "rotation_tiers",
  "rotation_left_early",
  "rotation_exemptions",
  "cadre_team",
  "reserve_cadres",
  "care_workload",
  "awaiting_post",
  "direct_hire_eligible",
  "appraisal_score_checks",
] as const;

/** What the rotation plan reads (src/plan): who may be proposed for the coming round, and each school's duties. */
export const planInputNames = ["plan_people", "plan_schools"] as const;

/**
 * The contract's v2 `outlook` (digest §7): built with the models (the site reads it) but written
 * only by `cadreboard outlook`, the command the contract names for it, so the CSVs of
 * `cadreboard models` stay as they were.
 */
export const outlookNames = ["outlook"] as const;

export interface ModelFile {
  name: string;
  layer: "staging" | "intermediate" | "marts";
}

export const modelFiles: readonly ModelFile[] = [
  ...stagingModels.map((name) => ({ name, layer: "staging" as const })),
  ...intermediateModels.map((name) => ({ name, layer: "intermediate" as const })),
  ...martNames.map((name) => ({ name, layer: "marts" as const })),
  ...siteMartNames.map((name) => ({ name, layer: "marts" as const })),
  ...planInputNames.map((name) => ({ name, layer: "marts" as const })),
  ...outlookNames.map((name) => ({ name, layer: "marts" as const })),
];

/**
 * SQL text as far as it names tables: comments and string literals blanked (stg_appointments
 * compares a post with 'awaiting_post', which is not a read of the awaiting_post mart). Done once
 * per text: the names are then looked for in it once per model.
 */
const codeOf = (text: string): string => text.replace(/--.*$/gm, "").replace(/'(?:[^']|'')*'/g, "''");
const mentions = (code: string, name: string) => new RegExp(`\\b${name}\\b`).test(code);
const codeOfEach = (texts: ReadonlyMap<string, string>) => new Map([...texts].map(([name, text]) => [name, codeOf(text)]));

/** Pure: names → the names each model's text mentions, then everything reachable from roots. */
export function dependencyClosure(texts: ReadonlyMap<string, string>, roots: readonly string[]): Set<string> {
  const code = codeOfEach(texts);
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    const text = code.get(name) ?? "";
    for (const other of code.keys()) if (other !== name && mentions(text, other)) visit(other);
  };
  roots.forEach(visit);
  return needed;
}

/**
 * Pure: for each model of `order` that a later one reads (names in its text), the last such
 * reader. A model nobody after it reads is absent.
 */
export function lastReaders(texts: ReadonlyMap<string, string>, order: readonly string[]): Map<string, string> {
  const code = codeOfEach(texts);
  const last = new Map<string, string>();
  order.forEach((reader, position) => {
    const text = code.get(reader) ?? "";
    for (const name of order.slice(0, position)) if (mentions(text, name)) last.set(name, reader);
  });
  return last;
}

/** Every model file's text, read once per process: the model tests ask for closures hundreds of times. */
let modelTexts: Map<string, string> | undefined;

/**
 * The models the given ones need, read from the SQL itself (a model depends on every other model
 * whose name it mentions): a command that reads a few marts (the plan, the outlook) builds only those.
 */
export function modelsNeededFor(roots: readonly string[]): Set<string> {
  modelTexts ??= new Map(modelFiles.map((model) => [model.name, readFileSync(join(sqlDir, model.layer, `${model.name}.sql`), "utf8")]));
  return dependencyClosure(modelTexts, roots);
}

/** The models a query needs: those it names, and what they read. */
export function modelsReadBy(sql: string): Set<string> {
  const code = codeOf(sql);
  return modelsNeededFor(modelFiles.map((model) => model.name).filter((name) => mentions(code, name)));
}
