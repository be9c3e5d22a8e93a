/**
 * Page data's wire format: what src/site/frame.ts writes, the browser's columns.js (the same
 * module the pages load) must read back as the very rows it was given, after a trip through JSON.
 */
import { describe, expect, it } from "vitest";
import { decodeColumns, rowsFromColumns } from "../../reports/components/columns.js";
import { COUNTY, suppressSmallCells } from "../../src/site/audience.ts";
import { encodeColumn, toColumns, type Column } from "../../src/site/frame.ts";

/** As the browser gets it: serialised by the loader, parsed by FileAttachment(…).json(). */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Rows as a page saw them before the encoding: every column on every row, null where missing. */
const complete = (rows: Record<string, unknown>[]) => {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key] ?? null])));
};

const form = (column: Column) => (Array.isArray(column) ? "values" : column.runs ? "dictionary with runs" : "dictionary");

describe("a column takes its smallest form", () => {
  it.each<[string, unknown[], string]>([
    ["ids that never repeat", ["T001", "T002", "T003", "T004"], "values"],
    ["small numbers", [3, 12, 7, 0, 25], "values"],
    ["labels repeated in no order", Array.from({ length: 30 }, (_, i) => (i * 7) % 3 ? "中层干部" : "校级领导"), "dictionary"],
    ["a sorted school id", [...Array(20).fill("3136000001"), ...Array(20).fill("3136000002")], "dictionary with runs"],
  ])("%s → %s", (_, values, expected) => expect(form(encodeColumn(values))).toBe(expected));

  it("never takes more room than the plain values", () => {
    for (const values of [[], [null], ["a"], [1, 2, 3], ["x", "x"], [true, false, null]]) {
      expect(JSON.stringify(encodeColumn(values)).length).toBeLessThanOrEqual(JSON.stringify(values).length);
    }
  });
});

describe("server encode → browser decode gives back the rows", () => {
  const schools = Array.from({ length: 40 }, (_, i) => `31360000${String(i + 1).padStart(2, "0")}`);
  // As a page module makes them: per school and county, counts (some suppressed), ratios, labels.
  const rows = suppressSmallCells(
    { kind: "public" },
    [COUNTY, ...schools].flatMap((school_id, s) =>
      ["校级领导", "中层干部", "全体"].map((post_group, g) => ({
        school_id,
        post_group,
        cadres: school_id === COUNTY ? 1200 + g : (s * 7 + g) % 13,
        ratio: school_id === COUNTY ? 0.1 + g / 3 : s % 5 === 0 ? null : 1 / (s + g + 1),
        met: s % 5 === 0 ? null : s % 2 === 0,
        mean_age: school_id === COUNTY ? 42.8 : 20 + s + g / 10,
        year: 2025,
        delta: s - 20,
      })),
    ),
    // no totals declared: the county's figures here are not the schools' sums
    { keys: [{ column: "school_id" }, { column: "post_group" }], counts: ["cadres"], derived: { ratio: ["cadres"], mean_age: ["cadres"] } },
  );

  it("the fixture has what the encoding must survive", () => {
    expect(rows.some((row) => row.cadres === null && row.suppressed?.includes("cadres"))).toBe(true);
    expect(rows.some((row) => row.suppressed === undefined)).toBe(true);
    expect(rows.filter((row) => row.school_id === COUNTY)).toHaveLength(3);
    expect(new Set(Object.values(toColumns(rows)).map(form))).toEqual(new Set(["values", "dictionary", "dictionary with runs"]));
  });

  it("row for row, nulls, numbers, booleans, the county row and the suppressed lists included", () => {
    const columns = overTheWire(toColumns(rows));
    expect(rowsFromColumns(columns)).toEqual(complete(rows));
    // arquero's aq.table reads expanded columns: one array per column, as before the encoding
    const expanded = decodeColumns(columns);
    expect(Object.keys(expanded)).toEqual(["school_id", "post_group", "cadres", "ratio", "met", "mean_age", "year", "delta", "suppressed"]);
    expect(expanded.school_id!.filter((id) => id === COUNTY)).toHaveLength(3);
  });

  it("is smaller on the wire than the plain columns", () => {
    const plain = decodeColumns(toColumns(rows));
    expect(JSON.stringify(toColumns(rows)).length).toBeLessThan(JSON.stringify(plain).length / 2);
    expect(form(toColumns(rows).school_id!)).toBe("dictionary with runs");
  });

  it("keeps the named columns only, in the given order", () => {
    const columns = overTheWire(toColumns(rows, ["post_group", "school_id", "cadres"]));
    expect(rowsFromColumns(columns)).toEqual(rows.map(({ post_group, school_id, cadres }) => ({ post_group, school_id, cadres })));
  });

  it.each<[string, Record<string, unknown>[]]>([
    ["no rows", []],
    ["one row", [{ school_id: COUNTY, count: 0 }]],
    ["a column only some rows carry", [{ a: 1 }, { a: 2, suppressed: ["b"] }, { a: 3 }]],
    ["empty strings, zeros and false", [{ v: "" }, { v: 0 }, { v: false }, { v: "" }, { v: 0 }, { v: false }]],
    ["text that looks like a number", [{ v: "1" }, { v: 1 }, { v: "1" }, { v: 1 }]],
  ])("%s", (_, given) => {
    expect(rowsFromColumns(overTheWire(toColumns(given)))).toEqual(complete(given));
  });
});
