/**
 * One cell on its own, generated from the contract's column metadata: how its text becomes a
 * typed value (through the macros of sql-macros.ts) and which problems reject the row.
 */
import { vocabularies, type ColumnSpec, type FileSpec, type VocabularyName } from "../src/contract.ts";
import type { Check } from "./row-rules.ts";
import { vocabularyMacroName } from "./sql-macros.ts";
import { columnLabel, sqlString } from "./sql-text.ts";

const n = (column: ColumnSpec) => `"n_${column.name}"`;
/** The ID number's problem, computed once per row in its own column: the check is costly. */
const idProblem = (column: ColumnSpec) => `"p_${column.name}"`;

/** SQL columns computed before typing (validate.ts puts them in a CTE of their own). */
export function precheckedColumns(column: ColumnSpec): string[] {
  return column.type === "id_number" ? [`cb_id_problem(cb_id_clean(${n(column)})) as ${idProblem(column)}`] : [];
}
const t = (column: ColumnSpec) => `"t_${column.name}"`;

/** SQL: the typed value of a column from its normalised text (null when it cannot be read). */
export function typedExpression(column: ColumnSpec, date1904 = false): string {
  const text = n(column);
  switch (column.type) {
    case "text":
      return text;
    case "integer":
      return `cb_integer(${text})`;
    case "number":
      return `cb_number(${text})`;
    case "date":
      return date1904 ? `cb_date_1904(${text})` : `cb_date(${text})`;
    case "boolean":
      return `case ${vocabularyMacroName("boolean")}(${text}) when 'true' then true when 'false' then false end`;
    case "code":
      return `${vocabularyMacroName(vocabularyOf(column))}(${text})`;
    case "id_number":
      return `case when ${idProblem(column)} is null then cb_id_clean(${text}) end`;
  }
}

/**
 * The form of a cell, as a regex, that the normalising and the reading of its column leave as it
 * stands, with one value: plain digits in an integer column, a plain decimal in a number column,
 * an ISO date in a date column (null for the other columns). Most cells of a large file have it.
 * The lengths are bounded so the value always fits: longer numbers take the normalised way, which
 * tells them apart (too large, or no finite value).
 */
export function plainForm(column: ColumnSpec, date1904 = false): string | null {
  switch (column.type) {
    case "integer":
      return "\\d{1,9}";
    case "number":
      return "\\d{1,15}(\\.\\d{1,15})?";
    case "date":
      return date1904 ? null : "\\d{4}-\\d{2}-\\d{2}";
    default:
      return null;
  }
}

/** SQL: the typed value of a cell of its column's plainForm, which is its own normalised text:
 * what typedExpression gives for it, by a cast alone. */
export function plainTypedExpression(column: ColumnSpec): string {
  const text = n(column);
  switch (column.type) {
    case "integer":
      return `try_cast(${text} as integer)`;
    case "number":
      return `try_cast(${text} as double)`;
    case "date":
      return `cb_date_from_iso(${text})`;
    default:
      throw new Error(`contract column ${column.name} has no plain form`);
  }
}

function vocabularyOf(column: ColumnSpec): VocabularyName {
  if (!column.vocabulary) throw new Error(`contract column ${column.name} is a code without a vocabulary`);
  return column.vocabulary;
}

/** The labels a clerk may type, first label of each code, for the reason text. */
const choices = (name: VocabularyName): string =>
  Object.values(vocabularies[name]).map((labels) => labels[0]).join("、");

function unreadableReason(column: ColumnSpec): string {
  const label = columnLabel(column);
  const text = n(column);
  switch (column.type) {
    case "date":
      return `case when cb_date_form_ok(${text}) and regexp_full_match(left(${text}, 4), '\\d{4}') and left(${text}, 4) < '1900'
          then ${sqlString(`「${label}」早于 1900 年：`)} || ${text}
        when cb_date_form_ok(${text}) then ${sqlString(`「${label}」不是真实存在的日期：`)} || ${text}
        else ${sqlString(`「${label}」无法识别为日期：`)} || ${text} || ${sqlString("（可写作 2019-09-01、2019/9/1、2019.09、2019年9月1日、201909）")} end`;
    case "integer":
      return `${sqlString(`「${label}」应为整数：`)} || ${text}`;
    case "number":
      return `${sqlString(`「${label}」应为数字：`)} || ${text}`;
    case "boolean":
      return `${sqlString(`「${label}」应为 是 或 否（也可写 Y/N、true/false、1/0）：`)} || ${text}`;
    case "code":
      return `${sqlString(`「${label}」的值「`)} || ${text} || ${sqlString(`」不在可选范围内（可选：${choices(vocabularyOf(column))}）`)}`;
    case "id_number":
      return idProblem(column);
    case "text":
      return "null";
  }
}

/** The problems of one cell on its own, in order: unreadable, negative, a date past 2100. */
function valueChecks(column: ColumnSpec): Check[] {
  const label = columnLabel(column);
  const checks: Check[] = [];
  if (column.type !== "text") {
    checks.push({ column: column.name, fails: `${n(column)} is not null and ${t(column)} is null`, reason: unreadableReason(column) });
  }
  // Every count, score, quota, multiplier and amount in the contract is at least 0.
  if (column.type === "integer" || column.type === "number") {
    checks.push({ column: column.name, fails: `${t(column)} < 0`, reason: `${sqlString(`「${label}」不能为负数：`)} || ${n(column)}` });
  }
  return checks;
}

/** A date past 2100 is a typing slip (2109 for 2019) or a serial number that is not a date. */
const dateRangeCheck = (column: ColumnSpec): Check => ({
  column: column.name,
  fails: `${t(column)} > date '2100-12-31'`,
  reason: `${sqlString(`「${columnLabel(column)}」晚于 2100 年，不是合理的日期：`)} || ${n(column)}`,
});

/** Checks of each cell that cost the row, in the file's column order: empty where required,
 * unreadable, negative. A column the contract marks optional has cellProblem instead (v2). */
export function cellChecks(spec: FileSpec): Check[] {
  const checks: Check[] = [];
  for (const column of spec.columns) {
    if (!column.nullable) {
      checks.push({ column: column.name, fails: `${n(column)} is null`, reason: sqlString(`「${columnLabel(column)}」不能为空`) });
    }
    if (!column.emptiedWhenUnreadable) checks.push(...valueChecks(column));
  }
  return checks;
}

/** After the row rules (a birth date in 2999 is better told as "later than today"). */
export function dateRangeChecks(spec: FileSpec): Check[] {
  return spec.columns.filter((column) => column.type === "date" && !column.emptiedWhenUnreadable).map(dateRangeCheck);
}

/** The columns whose unreadable value empties the cell instead of rejecting the row (v2). All of
 * them, mapped or not: a row rule may read c_<column> (an absent column's cells are empty). */
export const emptiedColumns = (spec: FileSpec): ColumnSpec[] => spec.columns.filter((column) => column.emptiedWhenUnreadable);

/** Reasons a cell of an optional column is emptied end in this. */
export const EMPTIED = "，已置空";

/**
 * SQL: why an optional cell cannot be used (null when it can), for the typed value before
 * emptying: `extra` are the shape checks of the cell (an Excel error value), then the value
 * checks. Each reason says the cell was emptied: 「班主任津贴基数」应为数字：abc，已置空.
 */
export function cellProblem(column: ColumnSpec, extra: readonly Check[]): string {
  const checks = [...extra, ...valueChecks(column), ...(column.type === "date" ? [dateRangeCheck(column)] : [])];
  if (checks.length === 0) return "cast(null as varchar)";
  return `case ${checks.map((check) => `when ${check.fails} then (${check.reason}) || ${sqlString(EMPTIED)}`).join(" ")} end`;
}
