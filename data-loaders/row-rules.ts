/**
 * The contract's rules that look at more than one cell, as SQL over the work table of a file
 * (validate.ts): `t_<column>` is a typed value, `g_<column>` the cell as given, `n_<column>` the
 * trimmed text; `$today` is the load's "today". Checked in the order listed, after each cell was
 * checked on its own; a row is rejected for the first rule it breaks.
 */
import type { RecordFileName } from "../src/contract.ts";

export interface Check {
  /** English column name reported in raw_rejects (null: the row as a whole). */
  column: string | null;
  /** SQL: true when the row breaks the rule. */
  fails: string;
  /** SQL text expression: the reason, in Chinese a clerk understands. */
  reason: string;
  /** SQL for the value reported; defaults to the column's cell as given. */
  value?: string;
}

/** Years outside this are typing mistakes, not appraisal years or hiring rounds. */
const YEAR_RANGE = [1900, 2100] as const;

const iso = (sql: string): string => `cast(${sql} as varchar)`;
const yearRule = (column: string, label: string): Check => ({
  column,
  fails: `t_${column} not between ${YEAR_RANGE[0]} and ${YEAR_RANGE[1]}`,
  reason: `'「${label}」应为四位年份：' || n_${column}`,
});
const endBeforeStart = (end: string, endLabel: string, start: string, startLabel: string): Check => ({
  column: end,
  fails: `t_${end} < t_${start}`,
  reason: `'${endLabel}（' || ${iso(`t_${end}`)} || '）早于${startLabel}（' || ${iso(`t_${start}`)} || '）'`,
});

const genderWord = (sql: string): string => `case ${sql} when 'M' then '男' else '女' end`;
const staffBirth = "coalesce(id_birth, t_birth_date)";

export const rowRules: Record<RecordFileName, readonly Check[]> = {
  schools: [],
  staff: [
    {
      // The ID number is optional and an unreadable one is emptied (v2), unless it was what the
      // row had for a birth date or gender: then its problem is the row's.
      column: "id_number",
      fails: "c_id_number is not null and (t_gender is null or t_birth_date is null)",
      reason: "p_id_number",
    },
    {
      column: "gender",
      fails: "t_id_number is not null and t_gender is not null and t_gender <> id_gender",
      reason: `'性别与身份证号不符：身份证号显示为' || ${genderWord("id_gender")} || '，表中填写为' || ${genderWord("t_gender")}`,
    },
    {
      column: "birth_date",
      // A month-only 出生年月 (1988.11) agrees with any day of that month.
      fails: `t_id_number is not null and t_birth_date is not null and
        (case when birth_has_day then t_birth_date <> id_birth else date_trunc('month', t_birth_date) <> date_trunc('month', id_birth) end)`,
      reason: `'出生日期与身份证号不符：身份证号显示为 ' || ${iso("id_birth")} || '，表中填写为 ' || n_birth_date`,
    },
    { column: "gender", fails: "t_id_number is null and t_gender is null", reason: "'没有身份证号时「性别」必填'" },
    { column: "birth_date", fails: "t_id_number is null and t_birth_date is null", reason: "'没有身份证号时「出生日期」必填'" },
    {
      column: "birth_date",
      fails: `${staffBirth} > cast($today as date)`,
      reason: `'出生日期晚于今天：' || ${iso(staffBirth)} || case when id_birth is not null then '（按身份证号）' else '' end`,
      value: "coalesce(g_birth_date, g_id_number)",
    },
    {
      column: "work_start",
      fails: `t_work_start < ${staffBirth}`,
      reason: `'参加工作时间（' || ${iso("t_work_start")} || '）早于出生日期（' || ${iso(staffBirth)} || '）'`,
    },
  ],
  appointments: [
    endBeforeStart("end_date", "免职时间", "start_date", "任职时间"),
    endBeforeStart("probation_end", "试用期满", "start_date", "任职时间"),
    {
      column: "post",
      fails: "t_method in ('not_hired', 'not_participating') and t_post <> 'awaiting_post'",
      reason: "'聘任方式为「' || n_method || '」时岗位应为待岗，表中为「' || n_post || '」'",
    },
    yearRule("round", "聘任年度"),
    { column: "term_years", fails: "t_term_years = 0", reason: "'「聘期」应大于 0'" },
  ],
  appraisals: [
    yearRule("year", "考核年度"),
    {
      column: "votes_cast",
      fails: "t_votes_cast > t_votes_expected",
      reason: "'实到人数 ' || n_votes_cast || ' 多于应到人数 ' || n_votes_expected",
    },
    {
      column: "votes_excellent",
      fails: `t_votes_cast is not null and
        coalesce(t_votes_excellent, 0) + coalesce(t_votes_competent, 0) + coalesce(t_votes_basic, 0) + coalesce(t_votes_incompetent, 0) > t_votes_cast`,
      reason: `'优秀、称职、基本称职、不称职票数之和 ' ||
        cast(coalesce(t_votes_excellent, 0) + coalesce(t_votes_competent, 0) + coalesce(t_votes_basic, 0) + coalesce(t_votes_incompetent, 0) as varchar)
        || ' 多于实到人数 ' || n_votes_cast`,
    },
  ],
  rotations: [
    {
      column: "to_school_id",
      fails: "t_to_school_id = t_from_school_id and t_type <> 'internal'",
      reason: "'交流学校与原学校相同（' || t_to_school_id || '），但交流形式不是校内轮岗'",
    },
    {
      column: "to_school_id",
      fails: "t_to_school_id <> t_from_school_id and t_type = 'internal'",
      reason: "'校内轮岗的交流学校应与原学校相同：原学校 ' || t_from_school_id || '，交流学校 ' || t_to_school_id",
    },
    endBeforeStart("end_date", "交流结束", "start_date", "交流开始"),
  ],
  exemptions: [
    endBeforeStart("end_date", "终止日期", "start_date", "起始日期"),
  ],
  establishments: [],
};

/** Extra per-row values the staff rules read: birth date and gender carried by the ID number. */
export const derivedColumns: Partial<Record<RecordFileName, Record<string, string>>> = {
  staff: {
    id_birth: "cb_id_birth(t_id_number)",
    id_gender: "cb_id_gender(t_id_number)",
    birth_has_day: "cb_date_has_day(n_birth_date)",
  },
};

/** What lands in the raw table when it is not simply the typed cell. */
export const loadedValues: Partial<Record<RecordFileName, Record<string, string>>> = {
  staff: {
    // The ID number is the better source: it carries the day when 出生年月 gave only the month.
    birth_date: "coalesce(id_birth, t_birth_date)",
    gender: "coalesce(id_gender, t_gender)",
    // Contract: teaching_start defaults to work_start.
    teaching_start: "coalesce(t_teaching_start, t_work_start)",
  },
};

/** References to other files: the value must be a key of a row already loaded there. */
export const references: Partial<Record<RecordFileName, readonly { column: string; table: "raw_staff" | "raw_schools" }[]>> = {
  appointments: [
    { column: "staff_id", table: "raw_staff" },
    { column: "school_id", table: "raw_schools" },
  ],
  appraisals: [{ column: "staff_id", table: "raw_staff" }],
  rotations: [
    { column: "staff_id", table: "raw_staff" },
    { column: "from_school_id", table: "raw_schools" },
    { column: "to_school_id", table: "raw_schools" },
  ],
  exemptions: [{ column: "staff_id", table: "raw_staff" }],
  establishments: [{ column: "school_id", table: "raw_schools" }],
};

/** Keys: a later row with the same key as a loaded one is rejected, the first is kept. */
export const keys: Partial<Record<RecordFileName, readonly (readonly string[])[]>> = {
  schools: [["school_id"]],
  staff: [["staff_id"]],
  appraisals: [["staff_id", "year"]],
  establishments: [["school_id", "post", "department"]],
};
