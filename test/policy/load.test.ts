import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PolicyError } from "../../src/errors.ts";
import { defaultPolicyPath, exactShare, loadPolicy, parsePolicy, policyOn } from "../../src/policy/load.ts";
import { policyRows } from "../../src/policy/tables.ts";

const defaultDocument = async () => parse(await readFile(defaultPolicyPath, "utf8")) as { rules: Record<string, Record<string, unknown>> };

describe("the default policy file", () => {
  it("loads and carries the digest's numbers under their rule IDs", async () => {
    const values = policyOn(await loadPolicy(), "2026-09-01");
    expect(values.get("ROT-T9.years_in_school")).toBe(9);
    expect(values.get("ROT-T9.max_age_male")).toBe(55);
    expect(values.get("ROT-T9.max_age_female")).toBe(50);
    expect(values.get("ROT-RATIO.target_strong")).toBe(0.15);
    expect(values.get("ROT-RATIO.target_weak")).toBe(0.1);
    expect(values.get("EXIT-VOTES.min_approval_share")).toBe(0.6);
    expect(values.get("PAY-MULT.middle_deputy.basic")).toBe(0.8);
    expect(values.get("APT-EDU.min_education")).toBe("bachelor");
    expect(values.get("RETIRE.female_50.first_birth_month")).toBe("1975-01-01");
  });

  it("marks the values the seeds leave blank as a local choice", async () => {
    const text = await readFile(defaultPolicyPath, "utf8");
    expect(text).toMatch(/target_weak: 0\.10 # .*本地选择/);
    expect(text).toMatch(/不称职：原文未规定，本地选择 0/);
  });
});

describe("validation names the key", () => {
  it.each([
    ["an unknown key", (doc: any) => { doc.rules["ROT-T9"].max_age_mal = 55; }, "rules.ROT-T9.max_age_mal", /unknown key/],
    ["an unknown rule", (doc: any) => { doc.rules["ROT-T10"] = { years: 9 }; }, "rules.ROT-T10", /unknown key/],
    ["a missing key", (doc: any) => { delete doc.rules["ROT-T9"].max_age_female; }, "rules.ROT-T9.max_age_female", /missing key/],
    ["a missing rule", (doc: any) => { delete doc.rules["EXIT-VOTES"]; }, "rules.EXIT-VOTES", /missing key/],
    ["a string for a number", (doc: any) => { doc.rules["ROT-T9"].years_in_school = "九"; }, "rules.ROT-T9.years_in_school", /must be a number/],
    ["a percentage written as 15", (doc: any) => { doc.rules["ROT-RATIO"].target_strong = 15; }, "rules.ROT-RATIO.target_strong", /share between 0 and 1/],
    ["a fractional age", (doc: any) => { doc.rules["ROT-T9"].max_age_male = 55.5; }, "rules.ROT-T9.max_age_male", /whole number/],
    ["an unknown degree", (doc: any) => { doc.rules["APT-EDU"].min_education = "phd"; }, "rules.APT-EDU.min_education", /one of/],
    ["a share written as a fraction above 1", (doc: any) => { doc.rules["APT-QUORUM"].min_turnout = "4/3"; }, "rules.APT-QUORUM.min_turnout", /share between 0 and 1/],
    ["a fraction with no denominator", (doc: any) => { doc.rules["APT-QUORUM"].min_turnout = "2/0"; }, "rules.APT-QUORUM.min_turnout", /share between 0 and 1/],
    ["a switch written as 是", (doc: any) => { doc.rules["ROT-RATIO"].count_only_eligible = "是"; }, "rules.ROT-RATIO.count_only_eligible", /true or false/],
    ["a month-day without quotes' form", (doc: any) => { doc.rules["ROT-YEAR"].round_opens = "7-1"; }, "rules.ROT-YEAR.round_opens", /MM-DD/],
    ["a month-day that does not exist", (doc: any) => { doc.rules["ROT-YEAR"].round_opens = "06-31"; }, "rules.ROT-YEAR.round_opens", /MM-DD/],
    ["a leap day as a yearly date", (doc: any) => { doc.rules["ROT-YEAR"].round_opens = "02-29"; }, "rules.ROT-YEAR.round_opens", /MM-DD/],
    ["a bad date", (doc: any) => { doc.rules.RETIRE.male.first_birth_month = "1965-13-01"; }, "rules.RETIRE.male.first_birth_month", /YYYY-MM-DD/],
    ["a dated value without from", (doc: any) => { doc.rules["ROT-T9"].years_in_school = [{ value: 9 }]; }, "rules.ROT-T9.years_in_school[0]", /from/],
    ["a multiplier table missing a grade", (doc: any) => { delete doc.rules["PAY-MULT"].principal.basic; }, "rules.PAY-MULT.principal.basic", /missing key/],
  ])("%s", async (_what, edit, key, message) => {
    const doc = await defaultDocument();
    edit(doc);
    let error: unknown;
    try {
      parsePolicy(doc, "p.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).key).toBe(key);
    expect((error as PolicyError).message).toMatch(message);
    expect((error as PolicyError).message).toContain(key);
  });

  it("a file that cannot be read is a PolicyError naming the path", async () => {
    await expect(loadPolicy("/nonexistent/policy.yaml")).rejects.toThrow(/\/nonexistent\/policy.yaml/);
  });
});

describe("shares are kept exactly (digest §0)", () => {
  it.each([
    [0.15, { numerator: 3, denominator: 20 }, "a decimal from its shortest text"],
    [0.1, { numerator: 1, denominator: 10 }, "ten per cent"],
    ["2/3", { numerator: 2, denominator: 3 }, "two thirds as written, never 0.6667"],
    [" 4 / 6 ", { numerator: 2, denominator: 3 }, "spaces allowed, reduced"],
    [0, { numerator: 0, denominator: 1 }, "zero"],
    [1, { numerator: 1, denominator: 1 }, "one"],
  ] as [unknown, unknown, string][])("%j is %j (%s)", (raw, expected) => {
    expect(exactShare(raw)).toEqual(expected);
  });

  it("a share written as a fraction keeps its text and its exact parts in the policy rows", async () => {
    const row = policyRows(await loadPolicy()).find((r) => r.rule_id === "APT-QUORUM" && r.key === "min_turnout");
    expect(row).toMatchObject({ text_value: "2/3", numerator: 2, denominator: 3 });
    expect(row!.num_value).toBeCloseTo(2 / 3, 12);
  });

  it("a switch is true or false in text_value", async () => {
    const row = policyRows(await loadPolicy()).find((r) => r.rule_id === "ROT-RATIO" && r.key === "count_only_eligible");
    expect(row).toMatchObject({ text_value: "false", num_value: null });
  });
});

describe("values in force on a date", () => {
  it.each([
    ["2020-01-01", 9],
    ["2027-08-31", 9],
    ["2027-09-01", 6],
    ["2030-01-01", 6],
  ])("on %s ROT-T9 years is %s", async (date, expected) => {
    const doc = await defaultDocument();
    doc.rules["ROT-T9"]!.years_in_school = [{ from: "2027-09-01", value: 6 }, { from: "2015-01-01", value: 9 }];
    expect(policyOn(parsePolicy(doc), date).get("ROT-T9.years_in_school")).toBe(expected);
  });

  it("flattens dated values to rows with an exclusive end", async () => {
    const doc = await defaultDocument();
    doc.rules["ROT-T9"]!.years_in_school = [{ from: "2015-01-01", value: 9 }, { from: "2027-09-01", value: 6 }];
    const rows = policyRows(parsePolicy(doc)).filter((row) => row.rule_id === "ROT-T9" && row.key === "years_in_school");
    expect(rows).toEqual([
      { rule_id: "ROT-T9", key: "years_in_school", valid_from: "0001-01-01", valid_to: "2027-09-01", num_value: 9, text_value: null, numerator: null, denominator: null },
      { rule_id: "ROT-T9", key: "years_in_school", valid_from: "2027-09-01", valid_to: "9999-12-31", num_value: 6, text_value: null, numerator: null, denominator: null },
    ]);
  });
});
