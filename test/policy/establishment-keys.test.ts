/**
 * The policy keys of issue 14: APT-ESTABLISHMENT's office lists and aliases, APT-PRINCIPAL's
 * education and title by school level, APT-TRIAL. A clerk's edit that cannot be read is refused
 * with the key named, never read as something else.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PolicyError } from "../../src/errors.ts";
import { defaultPolicyPath, loadPolicy, parsePolicy, policyOn } from "../../src/policy/load.ts";

type Rules = Record<string, Record<string, unknown>>;
const withRules = async (edit: (rules: Rules) => void) => {
  const document = parse(await readFile(defaultPolicyPath, "utf8")) as { rules: Rules };
  edit(document.rules);
  return document;
};

describe("issue 14's policy keys", () => {
  it("carry the digest's values, the blanks marked as local choices", async () => {
    const values = policyOn(await loadPolicy(), "2026-09-01");
    expect(values.get("APT-ESTABLISHMENT.complete.vice_principal")).toBe(3);
    expect(values.get("APT-ESTABLISHMENT.complete.offices")).toBe("教导处、总务处、办公室、政教处");
    expect(values.get("APT-ESTABLISHMENT.kindergarten.offices")).toBe("");
    expect(values.get("APT-ESTABLISHMENT.office_aliases")).toBe("教务处=教导处、德育处=政教处");
    expect(values.get("APT-PRINCIPAL.min_education.junior")).toBe("associate");
    expect(values.get("APT-PRINCIPAL.min_title.complete")).toBe("first");
    expect(values.get("APT-PRINCIPAL.deputies_follow")).toBe(false);
    expect(values.get("APT-TRIAL.trial_years")).toBe(1);
    const text = await readFile(defaultPolicyPath, "utf8");
    expect(text).toMatch(/APT-ESTABLISHMENT:[^\n]*\n[^\n]*以下全部为本地选择/);
    expect(text).toMatch(/max_age: 55 # [^\n]*本地选择/);
    expect(text).toMatch(/office_aliases[^\n]*本地选择|本地选择[^\n]*\n\s*office_aliases/);
  });

  it.each([
    [[{ from: "2020-01-01", value: ["教导处", "总务处"] }], "教导处、总务处", "a YAML list as a dated value (a bare list is the dated-values form)"],
    ["教导处，总务处; 教科室", "教导处、总务处、教科室", "full-width comma, semicolon and space as separators"],
    ["", "", "empty: no offices"],
  ])("offices %j read as %j (%s)", async (offices: unknown, expected: string, _why: string) => {
    const policy = parsePolicy(await withRules((rules) => ((rules["APT-ESTABLISHMENT"]!.junior as Record<string, unknown>).offices = offices)));
    expect(policyOn(policy, "2026-09-01").get("APT-ESTABLISHMENT.junior.offices")).toBe(expected);
  });

  it.each([
    ["教务处教导处", "a pair without ="],
    ["教务处=", "an alias for nothing"],
    ["教导处=教导处", "an office as its own alias"],
  ])("office_aliases %j is refused (%s)", async (aliases) => {
    const document = await withRules((rules) => (rules["APT-ESTABLISHMENT"]!.office_aliases = aliases));
    expect(() => parsePolicy(document)).toThrow(PolicyError);
    expect(() => parsePolicy(document)).toThrow(/APT-ESTABLISHMENT\.office_aliases/);
  });

  it("a title that is not one of the contract's is refused with the key named", async () => {
    const document = await withRules((rules) => ((rules["APT-PRINCIPAL"]!.min_title as Record<string, unknown>).primary = "中级"));
    expect(() => parsePolicy(document)).toThrow(/APT-PRINCIPAL\.min_title\.primary must be one of unranked|APT-PRINCIPAL\.min_title\.primary must be one of senior_full/);
  });
});
