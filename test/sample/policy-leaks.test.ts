/**
 * No default leaks (issue 10, point 6): with every number in the policy file set to a value unlike
 * its default (and the variant switches on, so their numbers are shown too), the sample county's
 * marts and the bureau build's page data state each rule's threshold with the file's number and
 * never with a default. A number written into SQL or TS in place of a policy read would show here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ingest } from "../../data-loaders/ingest.ts";
import { martNames, siteMartNames } from "../../src/models/models.ts";
import { vocabularies } from "../../src/contract.ts";
import { defaultPolicyPath } from "../../src/policy/load.ts";
import { allowanceData } from "../../src/site/allowance.ts";
import { exitsData } from "../../src/site/exits.ts";
import { snapshotMarts } from "../../src/site/marts.ts";
import { overviewData } from "../../src/site/overview.ts";
import { qualityData } from "../../src/site/quality.ts";
import { planData } from "../../src/site/plan.ts";
import { rotationData } from "../../src/site/rotation.ts";
import { structureData } from "../../src/site/structure.ts";
import { summaryData } from "../../src/site/summary.ts";
import { openDatabase, queryJson, type Database } from "../../src/warehouse/duckdb.ts";
import { pageContext } from "../site/support/context.ts";
import { generateSample } from "./generate.ts";

type Rules = Record<string, Record<string, unknown>>;

const defaults = (parse(readFileSync(defaultPolicyPath, "utf8")) as { rules: Rules }).rules;

/** Every leaf of a rules tree with its path; a share's text ("2/3") is kept as written. */
function leaves(tree: unknown, path: string[] = []): [string, unknown][] {
  if (tree !== null && typeof tree === "object") return Object.entries(tree).flatMap(([key, value]) => leaves(value, [...path, key]));
  return [[path.join("."), tree]];
}

/** A number as the explanations may show it: itself, and a share also as a percentage. */
function shownAs(value: unknown): number[] {
  const number = typeof value === "string" && /^\d+\/\d+$/.test(value) ? Number(value.split("/")[0]) / Number(value.split("/")[1]) : value;
  if (typeof number !== "number") return [];
  return number < 1 ? [number, Math.round(number * 1000) / 10] : [number];
}

const defaultNumbers = new Set(leaves(defaults).flatMap(([, value]) => shownAs(value)));

/** Numbers already given to a key: each key gets its own, so the output mostly tells which key it came from. */
const taken = new Set<number>();

/**
 * The value that replaces a default: the nearest number above it that no default shows and no
 * other key has (whole numbers stay whole), a later month or year, another degree; every switch
 * on, so that the variants' numbers are shown too. Derived, not listed, so that a key added to the
 * file is covered without touching this test.
 */
function unlike(value: unknown): unknown {
  if (typeof value === "boolean") return true;
  if (typeof value === "number") {
    const step = Number.isInteger(value) ? 1 : 0.01;
    let next = value;
    do next = Math.round((next + step) * 100) / 100;
    while (shownAs(next).some((shown) => defaultNumbers.has(shown)) || taken.has(next));
    taken.add(next);
    return next;
  }
  if (typeof value === "string" && /^\d+\/\d+$/.test(value)) {
    const [numerator, denominator] = value.split("/").map(Number) as [number, number];
    return `${numerator + 1}/${denominator + 1}`;
  }
  if (typeof value === "string" && /^\d{2}-\d{2}$/.test(value)) return `${String(Number(value.slice(0, 2)) + 1).padStart(2, "0")}${value.slice(2)}`;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${Number(value.slice(0, 4)) + 1}${value.slice(4)}`;
  if (typeof value === "string" && value in vocabularies.education) return Object.keys(vocabularies.education).find((degree) => degree !== value);
  if (typeof value === "string" && value in vocabularies.title) return Object.keys(vocabularies.title).find((title) => title !== value);
  // wording (the offices a default lists, their aliases) is not a number: kept
  return value;
}

function mapLeaves(tree: unknown): unknown {
  if (tree !== null && typeof tree === "object") return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, mapLeaves(value)]));
  return unlike(tree);
}

const unusual = mapLeaves(defaults) as Rules;

/** A threshold as the rules' sentences state it: after a comparison word and before its unit, or a policy multiplier. */
const threshold = /(?:(?:≥|≤|<|>|最长|超过|满分|未满|不满|已满|提前|目标)(\d+(?:\.\d+)?)(?=%|年|周岁|日|分|个))|(?:政策系数(\d+(?:\.\d+)?))/g;

let db: Database;
let text = "";
beforeAll(async () => {
  const dir = await generateSample();
  const warehouse = join(dir, "..", "county-policy-leaks.duckdb");
  await ingest({ dataDir: dir, warehouse, today: "2026-09-01" });
  const policyPath = join(dir, "..", "unusual-policy.yaml");
  writeFileSync(policyPath, stringify({ rules: unusual }));
  // as a site build does: the models once, their tables and the names copied into one file
  const snapshot = join(dir, "..", "marts-policy-leaks.duckdb");
  await snapshotMarts({ warehouse, asOf: "2026-09-01", out: snapshot, policyPath });
  db = await openDatabase(snapshot);
  const parts: string[] = [];
  for (const mart of [...martNames, ...siteMartNames]) parts.push(JSON.stringify(await queryJson(db.connection, `select * from ${mart}`)));
  const context = pageContext(db, "bureau", "2026-09-01");
  for (const page of [overviewData, structureData, rotationData, planData, allowanceData, exitsData, summaryData, qualityData]) parts.push(JSON.stringify(await page(context)));
  text = parts.join("\n");
}, 300_000);
afterAll(() => db?.close());

describe("every number in the policy file set unlike its default", () => {
  it("the test's policy changes every number, and no new number is a default's", () => {
    const given = new Map(leaves(unusual));
    const isNumber = (value: unknown) => typeof value === "number" || (typeof value === "string" && /^\d/.test(value));
    const unchanged = leaves(defaults).filter(([path, value]) => isNumber(value) && String(given.get(path)) === String(value));
    expect(unchanged).toEqual([]);
    expect(leaves(unusual).flatMap(([, value]) => shownAs(value)).filter((shown) => defaultNumbers.has(shown))).toEqual([]);
  });

  it("the output states thresholds with the file's numbers, and many of them", () => {
    const stated = new Set([...text.matchAll(threshold)].map((match) => Number(match[1] ?? match[2])));
    const statedKeys = leaves(unusual).filter(([, value]) => shownAs(value).some((shown) => stated.has(shown))).map(([path]) => path);
    console.log(`policy-leaks: the thresholds of ${statedKeys.length} of the file's ${leaves(unusual).length} keys are stated: ${statedKeys.join(", ")}`);
    // the sample county meets enough rules that the numbers of many keys are stated
    expect(statedKeys.length).toBeGreaterThanOrEqual(40);
  });

  it("no threshold is a default's number", () => {
    const leaked = [...text.matchAll(threshold)].filter((match) => defaultNumbers.has(Number(match[1] ?? match[2])));
    const context = leaked.slice(0, 5).map((match) => text.slice(Math.max(0, match.index - 60), match.index + 20));
    expect(context).toEqual([]);
  });
});
