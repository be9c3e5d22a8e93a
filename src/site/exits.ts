/**
 * 待退出: exits due over the horizon, by month and kind, with the list; dismissals a protection
 * bars (EXIT-PROTECT) apart and out of the counts; people awaiting a post (EXIT-AWAIT) by stage.
 */
import { dismissalBarringReasons } from "../contract.ts";
import { peopleRows, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { awaitingStageLabels, exitTypeLabels, labelOf } from "./labels.ts";
import { countPerSchool, personList, visibleSchools, withNames } from "./scope.ts";

export async function exitsData(context: PageContext) {
  const { audience, asOf } = context;
  const schools = await visibleSchools(context);
  const exits = await context.rows(
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
  const people = await withNames(context, peopleRows(audience, exits));
  return {
    schools: toColumns(schools),
    kinds: Object.values(exitTypeLabels),
    // the exemption reasons that bar dismissal, as the contract lists them (EXIT-PROTECT)
    protectionReasons: dismissalBarringReasons.map((reason) => labelOf("exemption_reason", reason)).join("、"),
    byMonth: toColumns(suppressSmallCells(audience, countPerSchool(audience, pending, (row) => ({ month: monthOf(row), kind: kindOf(row) })), { counts: ["count"] })),
    protectedCounts: toColumns(suppressSmallCells(audience, countPerSchool(audience, barred, (row) => ({ kind: kindOf(row) })), { counts: ["count"] })),
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

/** People awaiting a post (待岗) and their stage (EXIT-AWAIT): counts for all, names for bureau and school builds. */
async function awaitingData(context: PageContext) {
  const { audience } = context;
  const awaiting = await context.rows(
    `select staff_id, school_id, awaiting_since::varchar as awaiting_since, years_awaiting, stage,
            salary_stops_on::varchar as salary_stops_on, explanation
     from awaiting_post order by school_id, awaiting_since, staff_id`,
  );
  const people = await withNames(context, peopleRows(audience, awaiting));
  return {
    stages: Object.values(awaitingStageLabels),
    awaitingCounts: toColumns(
      suppressSmallCells(audience, countPerSchool(audience, awaiting, (row) => ({ stage: awaitingStageLabels[String(row.stage)] ?? row.stage })), { counts: ["count"] }),
    ),
    awaitingPeople: personList(people, ({ staff_id: _id, name: _name, school_id: _school, ...row }) => ({ ...row, stage: awaitingStageLabels[String(row.stage)] ?? row.stage })),
  };
}
