/**
 * The same inputs the SQL models get besides the raw tables: the policy file's dated values and
 * the reference code lists (src/models/reference.ts), as lookups for the arquero rules.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { loadPolicy } from "../../src/policy/load.ts";
import { policyRows, type PolicyRow } from "../../src/policy/tables.ts";
import { referenceTables } from "../../src/models/reference.ts";
import { isoDay } from "./days.ts";

export interface PolicyLookup {
  /** The number of rule.key in force on a day (valid_from ≤ day < valid_to), or null. */
  number(rule: string, key: string, day: number): number | null;
  text(rule: string, key: string, day: number): string | null;
  /** A share's exact fraction in force on a day, [numerator, denominator], or null. */
  fraction(rule: string, key: string, day: number): [number, number] | null;
  /** Every dated value of rule.key as text (a switch's 'true'/'false' across its dates). */
  values(rule: string, key: string): string[];
  /** Every key of a rule with its value in force on a day. */
  keysOn(rule: string, day: number): PolicyRow[];
}

export function policyLookup(rows: readonly PolicyRow[]): PolicyLookup {
  const dated = rows.map((row) => ({ ...row, from: isoDay(row.valid_from), to: isoDay(row.valid_to) }));
  const find = (rule: string, key: string, day: number) =>
    dated.find((row) => row.rule_id === rule && row.key === key && row.from <= day && day < row.to);
  return {
    number: (rule, key, day) => find(rule, key, day)?.num_value ?? null,
    text: (rule, key, day) => find(rule, key, day)?.text_value ?? null,
    fraction: (rule, key, day) => {
      const row = find(rule, key, day);
      return row && row.numerator !== null && row.denominator !== null ? [row.numerator, row.denominator] : null;
    },
    values: (rule, key) => dated.filter((row) => row.rule_id === rule && row.key === key).map((row) => String(row.text_value ?? row.num_value)),
    keysOn: (rule, day) => dated.filter((row) => row.rule_id === rule && row.from <= day && day < row.to),
  };
}

export async function loadPolicyLookup(path?: string): Promise<PolicyLookup> {
  return policyLookup(policyRows(await loadPolicy(path)));
}

/** A reference table (ref_posts, ref_genders …) as an arquero table with its declared columns. */
export function referenceTable(name: string): ColumnTable {
  const table = referenceTables.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`reference table ${name} does not exist in src/models/reference.ts`);
  const names = table.columns.split(",").map((column) => column.trim().split(/\s+/)[0]!);
  const columns: Record<string, unknown[]> = Object.fromEntries(names.map((column) => [column, []]));
  for (const row of table.rows) names.forEach((column, index) => columns[column]!.push(row[index]));
  return aq.table(columns);
}
