/**
 * Puts a loaded policy into DuckDB so models only join and select: every key with each of its
 * dated values as one row of `policy_values` (rule_id, key, valid_from, valid_to, value). A model
 * picks the row in force on the date it computes for (valid_from ≤ date < valid_to).
 *
 * Numbers and shares are in num_value; a share also has its exact numerator and denominator, and
 * its text when the bureau wrote it as a fraction ("2/3"). Texts, dates and month-days are in
 * text_value; a boolean is 'true' or 'false' there (read it with the policy_flag macro).
 */
import { valuesPlaceholders, type Database } from "../warehouse/duckdb.ts";
import type { Policy } from "./load.ts";

/** Exclusive end of the last value of a key: later than any date a model computes for. */
const endOfTime = "9999-12-31";
const beginningOfTime = "0001-01-01";

export interface PolicyRow {
  rule_id: string;
  key: string;
  valid_from: string;
  valid_to: string;
  num_value: number | null;
  text_value: string | null;
  numerator: number | null;
  denominator: number | null;
}

/** Flattens a policy to rows; pure, for tests. `ROT-T9.max_age_male` → rule ROT-T9, key max_age_male. */
export function policyRows(policy: Policy): PolicyRow[] {
  const rows: PolicyRow[] = [];
  for (const [fullKey, values] of policy) {
    const dot = fullKey.indexOf(".");
    const rule_id = fullKey.slice(0, dot);
    const key = fullKey.slice(dot + 1);
    values.forEach((value, index) => {
      rows.push({
        rule_id,
        key,
        // the earliest value also applies before its date, as policyOn reads it
        valid_from: index === 0 ? beginningOfTime : value.from,
        valid_to: values[index + 1]?.from ?? endOfTime,
        num_value: typeof value.value === "number" ? value.value : null,
        text_value: typeof value.value === "string" ? value.value : typeof value.value === "boolean" ? String(value.value) : (value.written ?? null),
        numerator: value.exact?.numerator ?? null,
        denominator: value.exact?.denominator ?? null,
      });
    });
  }
  return rows;
}

export async function loadPolicyTables(db: Database, policy: Policy): Promise<void> {
  await db.connection.run(`create table policy_values (
    rule_id varchar not null, key varchar not null, valid_from date not null, valid_to date not null,
    num_value double, text_value varchar, numerator bigint, denominator bigint
  )`);
  // one insert for every row: a statement per row cost more than the rest of a small model test's build
  const rows = policyRows(policy);
  if (rows.length === 0) return;
  const casts = ["", "", "::date", "::date", "::double", "", "::bigint", "::bigint"];
  const width = casts.length;
  const insert = await db.connection.prepare(`insert into policy_values values ${valuesPlaceholders(rows.length, width, casts)}`);
  rows.forEach((row, rowIndex) => {
    const at = (column: number): number => rowIndex * width + column;
    insert.bindVarchar(at(1), row.rule_id);
    insert.bindVarchar(at(2), row.key);
    insert.bindVarchar(at(3), row.valid_from);
    insert.bindVarchar(at(4), row.valid_to);
    if (row.num_value === null) insert.bindNull(at(5));
    else insert.bindDouble(at(5), row.num_value);
    if (row.text_value === null) insert.bindNull(at(6));
    else insert.bindVarchar(at(6), row.text_value);
    for (const [column, value] of [[7, row.numerator], [8, row.denominator]] as const) {
      if (value === null) insert.bindNull(at(column));
      else insert.bindInteger(at(column), value);
    }
  });
  await insert.run();
}
