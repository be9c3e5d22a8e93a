/**
 * Reads a policy file, checks it against the schema, and answers "which value is in force on a
 * date". Validation errors name the full key (`rules.ROT-T9.max_age_male`) so a clerk can find it.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { vocabularies } from "../contract.ts";
import { PolicyError } from "../errors.ts";
import { policySchema, type Group, type LeafKind } from "./schema.ts";

export const defaultPolicyPath = fileURLToPath(new URL("./default-policy.yaml", import.meta.url));

export type LeafValue = number | string | boolean;
/** A share kept exactly: 2/3 stays 2/3 (never 0.6667), 0.15 is 3/20. */
export interface Fraction {
  numerator: number;
  denominator: number;
}
/** One value and the first day it applies; a plain value applies from the beginning of time. */
export interface DatedValue {
  from: string;
  value: LeafValue;
  /** Shares only: the exact fraction, so a model can compare `part × denominator ≥ whole × numerator`. */
  exact?: Fraction;
  /** Shares written as a fraction ("2/3"): the text, to show it as the bureau wrote it. */
  written?: string;
}
/** Full key (`ROT-T9.max_age_male`) → its values, oldest first. */
export type Policy = ReadonlyMap<string, readonly DatedValue[]>;

const beginningOfTime = "0001-01-01";
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const monthDay = /^(\d{2})-(\d{2})$/;
const fractionText = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

export async function loadPolicy(path = defaultPolicyPath): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new PolicyError(`policy file ${path} cannot be read: ${(error as Error).message}. Check the path given to --policy.`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new PolicyError(`policy file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  return parsePolicy(document, path);
}

/** Validates a parsed document against the schema; pure, for tests. */
export function parsePolicy(document: unknown, source = "policy"): Policy {
  if (!isRecord(document) || Object.keys(document).some((key) => key !== "rules") || !("rules" in document)) {
    throw new PolicyError(`${source}: the file must have exactly one top-level key, "rules"`, "rules");
  }
  const values = new Map<string, DatedValue[]>();
  walk(document.rules, policySchema, "rules", source, values);
  return values;
}

function walk(node: unknown, schema: Group, path: string, source: string, out: Map<string, DatedValue[]>): void {
  if (!isRecord(node)) throw new PolicyError(`${source}: ${path} must be a group of keys`, path);
  for (const key of Object.keys(node)) {
    if (!(key in schema)) throw new PolicyError(`${source}: unknown key ${path}.${key}. Check its spelling against the default policy file`, `${path}.${key}`);
  }
  for (const [key, kind] of Object.entries(schema)) {
    const keyPath = `${path}.${key}`;
    if (!(key in node) || node[key] === null) throw new PolicyError(`${source}: missing key ${keyPath}`, keyPath);
    if (typeof kind === "string") out.set(keyPath.slice("rules.".length), datedValues(node[key], kind, keyPath, source));
    else walk(node[key], kind, keyPath, source, out);
  }
}

function datedValues(raw: unknown, kind: LeafKind, path: string, source: string): DatedValue[] {
  if (!Array.isArray(raw)) return [{ from: beginningOfTime, ...leaf(raw, kind, path, source) }];
  if (raw.length === 0) throw new PolicyError(`${source}: ${path} has an empty list of dated values`, path);
  const values = raw.map((entry, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(entry) || Object.keys(entry).sort().join() !== "from,value") {
      throw new PolicyError(`${source}: ${at} must be { from: YYYY-MM-DD, value: … }`, at);
    }
    return { from: leaf(entry.from, "date", `${at}.from`, source).value as string, ...leaf(entry.value, kind, `${at}.value`, source) };
  });
  values.sort((a, b) => a.from.localeCompare(b.from));
  return values;
}

function leaf(raw: unknown, kind: LeafKind, path: string, source: string): Omit<DatedValue, "from"> {
  const wrong = (expected: string) =>
    new PolicyError(`${source}: ${path} must be ${expected}, not ${JSON.stringify(raw)}`, path);
  switch (kind) {
    case "number":
      if (typeof raw !== "number" || !Number.isFinite(raw) || raw < 0) throw wrong("a number ≥ 0");
      return { value: raw };
    case "share": {
      const exact = exactShare(raw);
      if (!exact) throw wrong("a share between 0 and 1 (15 % is 0.15; two thirds may be written 2/3)");
      return { value: exact.numerator / exact.denominator, exact, ...(typeof raw === "string" ? { written: `${exact.numerator}/${exact.denominator}` } : {}) };
    }
    case "integer":
      if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) throw wrong("a whole number ≥ 0");
      return { value: raw };
    case "boolean":
      if (typeof raw !== "boolean") throw wrong("true or false");
      return { value: raw };
    case "date": {
      const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : raw;
      if (typeof text !== "string" || !isoDate.test(text) || Number.isNaN(Date.parse(text))) throw wrong("a date written YYYY-MM-DD");
      return { value: text };
    }
    case "month_day": {
      const match = typeof raw === "string" ? monthDay.exec(raw) : null;
      // checked against a leap year, so 02-29 would pass: refuse it, it does not come every year
      if (!match || raw === "02-29" || Number.isNaN(Date.parse(`2024-${raw as string}`)) || new Date(`2024-${raw as string}T00:00:00Z`).toISOString().slice(5, 10) !== raw) {
        throw wrong('a month and day written "MM-DD" in quotes, such as "07-01"');
      }
      return { value: raw as string };
    }
    case "education":
    case "title":
      if (typeof raw !== "string" || !(raw in vocabularies[kind])) {
        throw wrong(`one of ${Object.keys(vocabularies[kind]).join(", ")}`);
      }
      return { value: raw };
    case "names": {
      const names = nameList(raw);
      if (!names) throw wrong("office names separated by 、 (such as 教导处、总务处), or empty quotes for none");
      return { value: names.join("、") };
    }
    case "aliases": {
      const names = nameList(raw);
      const pairs = names?.map((pair) => pair.split("=").map((name) => name.trim()));
      if (!pairs || pairs.some((pair) => pair.length !== 2 || !pair[0] || !pair[1] || pair[0] === pair[1])) {
        throw wrong("pairs written 别名=处室 separated by 、 (such as 教务处=教导处、德育处=政教处), or empty quotes for none");
      }
      return { value: pairs.map((pair) => pair.join("=")).join("、") };
    }
  }
}

/**
 * Names as a clerk lists them: separated by 、，, ; or spaces (full-width forms read as their
 * half-width ones), or a YAML list inside a dated value (a bare list is the dated-values form);
 * empty for none. Undefined when it is neither.
 */
function nameList(raw: unknown): string[] | undefined {
  const items = typeof raw === "string" ? raw.normalize("NFKC").split(/[、,;\s]+/) : Array.isArray(raw) && raw.every((item) => typeof item === "string") ? raw.map((item: string) => item.normalize("NFKC")) : undefined;
  return items?.map((item) => item.trim()).filter((item) => item !== "");
}

/**
 * A share as an exact fraction: "2/3" as written, or a decimal from its shortest text (0.15 → 3/20),
 * so a rule can compare without rounding (20 of 30 reaches 2/3; stored as 0.6667 it did not).
 */
export function exactShare(raw: unknown): Fraction | undefined {
  let numerator: number;
  let denominator: number;
  if (typeof raw === "string") {
    const match = fractionText.exec(raw);
    if (!match) return undefined;
    numerator = Number(match[1]);
    denominator = Number(match[2]);
  } else if (typeof raw === "number" && Number.isFinite(raw)) {
    const text = String(raw);
    if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
    const decimals = text.split(".")[1]?.length ?? 0;
    denominator = 10 ** decimals;
    numerator = Math.round(raw * denominator);
  } else return undefined;
  if (denominator === 0 || numerator > denominator) return undefined;
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The value of every key in force on `date` (YYYY-MM-DD). */
export function policyOn(policy: Policy, date: string): Map<string, LeafValue> {
  const resolved = new Map<string, LeafValue>();
  for (const [key, values] of policy) {
    const inForce = values.filter((value) => value.from <= date).at(-1) ?? values[0]!;
    resolved.set(key, inForce.value);
  }
  return resolved;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
