/**
 * 待退出: exits due over the horizon, by month and kind, with the list; dismissals a protection
 * bars (EXIT-PROTECT) apart and out of the counts; people awaiting a post (EXIT-AWAIT) by stage.
 */
import { dismissalBarringReasons } from "../contract.ts";
import { COUNTY, peopleRows, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns, type Columns } from "./frame.ts";
import { awaitingStageLabels, exitTypeLabels, labelOf } from "./labels.ts";
import { countPerSchool, personList, visibleSchools, withNames, type PersonRow, type SchoolInfo } from "./scope.ts";
import type { Suppressed, TableShape } from "./suppression.ts";

/** Pending exits per school (and ALL) × month (YYYY-MM) × kind (its label). */
export type ExitMonthRow = { school_id: string; month: string; kind: string; count: number | null };
/** Dismissals the law bars (EXIT-PROTECT) per school (and ALL) × kind. */
export type ProtectedCountRow = { school_id: string; kind: string; count: number | null };
/** People awaiting a post per school (and ALL) × stage (its label). */
export type AwaitingCountRow = { school_id: string; stage: string; count: number | null };
type ExitRow = { staff_id: string; school_id: string; post: string; exit_type: string; due_date: string; overdue: boolean; protected: boolean; protected_until: string | null; notify_by: string | null; rule_id: string; explanation: string };
type AwaitingRow = { staff_id: string; school_id: string; awaiting_since: string; years_awaiting: number; stage: string; salary_stops_on: string | null; explanation: string };
type ExitPerson = Pick<ExitRow, "due_date" | "overdue" | "notify_by" | "protected" | "protected_until" | "rule_id" | "explanation"> & { kind: string };
type AwaitingPerson = Omit<AwaitingRow, "staff_id" | "school_id">;

/** 待退出's page data: what src/site/exits.ts writes and reports/exits.md reads. */
export interface ExitsData {
  schools: Columns<SchoolInfo>;
  kinds: string[];
  protectionReasons: string;
  byMonth: Columns<Suppressed<ExitMonthRow>>;
  protectedCounts: Columns<Suppressed<ProtectedCountRow>>;
  people: Columns<PersonRow & ExitPerson> | null;
  stages: string[];
  awaitingCounts: Columns<Suppressed<AwaitingCountRow>>;
  awaitingPeople: Columns<PersonRow & AwaitingPerson> | null;
}

const perSchool = { column: "school_id", total: COUNTY } as const;
/** The page's counts as published tables: the county's rows are the sums of the schools'. */
export const exitsShapes = {
  byMonth: { keys: [perSchool, { column: "month" }, { column: "kind" }], counts: ["count"] },
  protectedCounts: { keys: [perSchool, { column: "kind" }], counts: ["count"] },
  awaitingCounts: { keys: [perSchool, { column: "stage" }], counts: ["count"] },
} satisfies Record<string, TableShape>;

export async function exitsData(context: PageContext): Promise<ExitsData> {
  const { audience } = context;
  const schools = await visibleSchools(context);
  const { exits, byMonth, protectedCounts, kindOf } = await exitCounts(context);
  const people = await withNames(context, peopleRows(audience, exits));
  return {
    schools: toColumns(schools),
    kinds: Object.values(exitTypeLabels),
    // the exemption reasons that bar dismissal, as the contract lists them (EXIT-PROTECT)
    protectionReasons: dismissalBarringReasons.map((reason) => labelOf("exemption_reason", reason)).join("、"),
    byMonth: toColumns(byMonth),
    protectedCounts: toColumns(protectedCounts),
    people: personList(people, (row) => ({
      kind: kindOf(row),
      due_date: row.due_date,
      overdue: row.overdue,
      notify_by: row.notify_by,
      protected: row.protected,
      protected_until: row.protected_until,
      rule_id: row.rule_id,
      explanation: row.explanation,
    })),
    ...(await awaitingData(context)),
  };
}

/**
 * The exits and their counts per school and month as this page publishes them (suppressed for
 * the public build): 展望 reads the months too, so that its yearly sums give none of them back.
 */
export async function exitCounts(context: PageContext) {
  const { audience, asOf } = context;
  const exits = await context.rows<ExitRow>(
    `select staff_id, school_id, post, exit_type, due_date::varchar as due_date, overdue, protected,
            protected_until::varchar as protected_until, notify_by::varchar as notify_by, rule_id, explanation
     from pending_exits order by due_date, school_id, staff_id`,
  );
  // Overdue exits (due before the as-of date) are counted in the as-of month: they need action now.
  const monthOf = (row: Record<string, unknown>) => (row.overdue ? asOf.slice(0, 7) : String(row.due_date).slice(0, 7));
  const kindOf = (row: Record<string, unknown>) => exitTypeLabels[String(row.exit_type)] ?? String(row.exit_type);
  // A dismissal the law bars is not pending (EXIT-PROTECT): counted apart, never in the headline.
  const pending = exits.filter((row) => !row.protected);
  const barred = exits.filter((row) => row.protected);
  const byMonth = countPerSchool(audience, pending, (row) => ({ month: monthOf(row), kind: kindOf(row) })) as ExitMonthRow[];
  const protectedCounts = countPerSchool(audience, barred, (row) => ({ kind: kindOf(row) })) as ProtectedCountRow[];
  return {
    exits,
    kindOf,
    byMonth: suppressSmallCells(audience, byMonth, exitsShapes.byMonth),
    protectedCounts: suppressSmallCells(audience, protectedCounts, exitsShapes.protectedCounts),
  };
}

/** People awaiting a post by stage, per school and county, suppressed for the public build: 年度总结 publishes the same table. */
export async function awaitingCounts(context: PageContext): Promise<{ rows: AwaitingRow[]; counts: Suppressed<AwaitingCountRow>[] }> {
  const rows = await context.rows<AwaitingRow>(
    `select staff_id, school_id, awaiting_since::varchar as awaiting_since, years_awaiting, stage,
            salary_stops_on::varchar as salary_stops_on, explanation
     from awaiting_post order by school_id, awaiting_since, staff_id`,
  );
  const counts = countPerSchool(context.audience, rows, (row) => ({ stage: awaitingStageLabels[String(row.stage)] ?? row.stage })) as AwaitingCountRow[];
  return { rows, counts: suppressSmallCells(context.audience, counts, exitsShapes.awaitingCounts) };
}

/** People awaiting a post (待岗) and their stage (EXIT-AWAIT): counts for all, names for bureau and school builds. */
async function awaitingData(context: PageContext) {
  const { rows, counts } = await awaitingCounts(context);
  const people = await withNames(context, peopleRows(context.audience, rows));
  return {
    stages: Object.values(awaitingStageLabels),
    awaitingCounts: toColumns(counts),
    awaitingPeople: personList(people, ({ staff_id: _id, name: _name, school_id: _school, ...row }) => ({ ...row, stage: awaitingStageLabels[row.stage] ?? row.stage })),
  };
}
