import { describe, expect, it } from "vitest";
import { audienceText, parseAudience, peopleRows, schoolAggregates, SMALL_CELL_THRESHOLD, suppressSmallCells } from "../../src/site/audience.ts";
import { lastCompletedSchoolYear } from "../../src/site/scope.ts";

describe("parseAudience", () => {
  it.each([
    ["bureau", { kind: "bureau" }],
    ["public", { kind: "public" }],
    ["school:3136000001", { kind: "school", schoolId: "3136000001" }],
    [" school: S1 ", { kind: "school", schoolId: "S1" }],
  ])("%s", (text, expected) => expect(parseAudience(text)).toEqual(expected));

  it.each(["", "everyone", "school:", "School:S1"])("rejects %j with a usage error", (text) => {
    expect(() => parseAudience(text)).toThrow(/bureau, public or school:<school_id>/);
  });

  it.each(["bureau", "public", "school:3136000001"])("audienceText gives %s back as it was read", (text) => {
    expect(audienceText(parseAudience(text))).toBe(text);
  });
});

describe("who sees which rows", () => {
  const rows = [
    { school_id: "S1", staff_id: "A" },
    { school_id: "S2", staff_id: "B" },
    { school_id: "ALL", staff_id: null },
  ];
  it("the public gets no person rows at all", () => expect(peopleRows({ kind: "public" }, rows)).toBeNull());
  it("a school gets only its own people", () => expect(peopleRows({ kind: "school", schoolId: "S1" }, rows)).toEqual([rows[0]]));
  it("the bureau gets everyone", () => expect(peopleRows({ kind: "bureau" }, rows)).toEqual(rows));
  it("a school sees county and own aggregates, not another school's", () =>
    expect(schoolAggregates({ kind: "school", schoolId: "S1" }, rows).map((r) => r.school_id)).toEqual(["S1", "ALL"]));
});

describe("small-cell suppression (public build only)", () => {
  it("uses a threshold of 5 by default", () => expect(SMALL_CELL_THRESHOLD).toBe(5));
  it.each<[number, number | null, string]>([
    [0, 0, "zero identifies nobody"],
    [1, null, "one person"],
    [4, null, "just under the threshold"],
    [5, 5, "at the threshold"],
    [120, 120, "large"],
  ])("count %i → %s (%s)", (count, expected) => {
    const [row] = suppressSmallCells({ kind: "public" }, [{ n: count }], { keys: [], counts: ["n"] });
    expect(row!.n).toBe(expected);
  });

  it("suppresses a ratio computed from a suppressed count, and says which columns", () => {
    const [row] = suppressSmallCells({ kind: "public" }, [{ eligible: 30, rotated: 2, ratio: 2 / 30 }], {
      keys: [],
      counts: ["eligible", "rotated"],
      derived: { ratio: ["eligible", "rotated"] },
    });
    expect(row).toEqual({ eligible: 30, rotated: null, ratio: null, suppressed: ["rotated", "ratio"] });
  });

  it("leaves bureau and school builds unchanged", () => {
    for (const audience of [{ kind: "bureau" } as const, { kind: "school", schoolId: "S1" } as const]) {
      expect(suppressSmallCells(audience, [{ n: 2 }], { keys: [], counts: ["n"] })).toEqual([{ n: 2 }]);
    }
  });
});

describe("lastCompletedSchoolYear", () => {
  it.each([
    ["2026-11-23", 2025, "autumn: last year's school year has ended"],
    ["2026-08-31", 2025, "the last day of school year 2025"],
    ["2026-08-30", 2024, "the day before it ends"],
    ["2026-01-15", 2024, "winter"],
  ])("%s → %i (%s)", (asOf, expected) => expect(lastCompletedSchoolYear(asOf)).toBe(expected));
});
