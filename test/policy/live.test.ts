/**
 * Every value in the policy file is read by a model (issue 10: a bureau that edits a number no
 * model reads changes nothing, with no warning). A key is read where a model names it: through the
 * policy macros (`policy_number('ROT-T9', 'years_in_school', …)`, or a key built from a named
 * prefix such as `'max_' || column`), by `rule_id = … and key = …`, or by selecting the whole rule
 * (`rule_id = 'PAY-MULT'`, whose keys are split into columns).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sqlDir } from "../../src/models/models.ts";
import { policySchema, type Group } from "../../src/policy/schema.ts";

const modelSql = ["staging", "intermediate", "marts"]
  .flatMap((layer) => readdirSync(join(sqlDir, layer)).filter((name) => /^[a-z_]+\.sql$/.test(name)).map((name) => join(sqlDir, layer, name)))
  .concat(join(sqlDir, "macros.sql"))
  .map((path) => readFileSync(path, "utf8").replace(/--.*$/gm, ""));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

/**
 * Whether some model reads `rule`.`key`: a model that names the rule (as the macro's first
 * argument, or as a value it then passes, as rotation_compliance does with ROT-LEAD15) and names
 * the key, or a prefix of it, among a policy macro's arguments (`case when … then 'max_age_male'
 * else 'max_age_female' end`); or filters policy_values on the rule (and the key, if it filters one).
 */
function isRead(rule: string, key: string): boolean {
  const r = escape(rule);
  return modelSql.some((sql) => {
    if (!sql.includes(`'${rule}'`)) return false;
    const filters = [...sql.matchAll(new RegExp(`rule_id\\s*=\\s*'${r}'(\\s+and\\s+(?:\\w+\\.)?key\\s*=\\s*'([a-z_]+)')?`, "g"))];
    // a filter without a key reads every key of the rule (PAY-MULT's keys become columns)
    if (filters.some(([, keyFilter, named]) => (keyFilter ? named === key : true))) return true;
    // a macro's arguments: the rule (or a column holding it), then the key or an expression naming it
    return macroArguments(sql).some((args) =>
      [...args.matchAll(/'([a-z_]+)'(\s*\|\|)?/g)].some(([, named, concatenated]) => (concatenated ? key.startsWith(named!) : key === named)),
    );
  });
}

/** The argument text of every policy macro call, to its matching parenthesis. */
function macroArguments(sql: string): string[] {
  return [...sql.matchAll(/\bpolicy_\w+\(/g)].map((call) => {
    let depth = 1;
    let end = call.index + call[0].length;
    for (; end < sql.length && depth > 0; end++) depth += sql[end] === "(" ? 1 : sql[end] === ")" ? -1 : 0;
    return sql.slice(call.index + call[0].length, end - 1);
  });
}

describe("every policy value is live", () => {
  const keys = Object.entries(policySchema).flatMap(([rule, group]) => Object.keys(group as Group).map((key) => [rule, key] as const));

  it.each(keys)("%s.%s is read by a model", (rule, key) => {
    expect(isRead(rule, key)).toBe(true);
  });

  it("the check itself tells a read key from an unread one", () => {
    expect(isRead("PAY-SCORE", "max_attitude")).toBe(true); // 'max_' || column
    expect(isRead("ROT-EXEMPT", "max_extension_years")).toBe(true); // rule_id = … and key = …
    expect(isRead("ROT-EXEMPT", "no_such_key")).toBe(false);
    expect(isRead("NO-SUCH-RULE", "years")).toBe(false);
  });
});
