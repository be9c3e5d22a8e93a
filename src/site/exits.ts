/** 待退出: exits due over the horizon, by month and kind, with the list. */
import { COUNTY, peopleRows, suppressSmallCells } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { toColumns } from "./frame.ts";
import { exitTypeLabels, labelOf } from "./labels.ts";
import { inScope, visibleSchools, withNames } from "./scope.ts";

export async function exitsData(context: PageContext) {
  const { audience, asOf } = context;
  const schools = await visibleSchools(context);
  const exits = await context.rows(
    `select staff_id, school_id, post, exit_type, due_date::varchar as due_date, rule_id, explanation
     from pending_exits order by due_date, school_id, staff_id`,
  );
  // Overdue exits (due before the as-of date) are counted in the as-of month: they need action now.
  const monthOf = (date: string) => (date < asOf ? asOf.slice(0, 7) : date.slice(0, 7));
  const counts = new Map<string, { school_id: string; month: string; kind: string; count: number }>();
  for (const row of exits) {
    for (const schoolId of [COUNTY, String(row.school_id)]) {
      const kind = exitTypeLabels[String(row.exit_type)] ?? String(row.exit_type);
      const key = `${schoolId}|${monthOf(String(row.due_date))}|${kind}`;
      const entry = counts.get(key) ?? { school_id: schoolId, month: monthOf(String(row.due_date)), kind, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const people = await withNames(context, peopleRows(audience, exits));
  return {
    schools: toColumns(schools),
    kinds: Object.values(exitTypeLabels),
    byMonth: toColumns(
      suppressSmallCells(
        audience,
        [...counts.values()].filter((row) => inScope(audience, row.school_id)),
        { counts: ["count"] },
      ),
    ),
    people:
      people &&
      toColumns(
        people.map((row) => ({
          staff_id: row.staff_id,
          name: row.name,
          school_id: row.school_id,
          post: labelOf("post", row.post),
          kind: exitTypeLabels[String(row.exit_type)] ?? row.exit_type,
          due_date: row.due_date,
          overdue: String(row.due_date) < asOf,
          rule_id: row.rule_id,
          explanation: row.explanation,
        })),
      ),
  };
}
