import { describe, expect, it } from "vitest";
import { day, iso, parseIso } from "../../src/sample/dates.ts";
import { idCheckCharacter, idNumber15, idNumber18 } from "../../src/sample/identity.ts";
import { Random } from "../../src/sample/random.ts";
import { retirementDate } from "../../src/sample/retirement.ts";
import { splitScore, votesFor } from "../../src/sample/appraisals.ts";

describe("ID numbers", () => {
  it.each([
    ["11010519491231002", "X", "the GB 11643 example"],
    ["44052418800101001", "4", "a second published example"],
  ])("check character of %s is %s (%s)", (first17, check) => {
    expect(idCheckCharacter(first17)).toBe(check);
  });

  it("18-digit numbers carry birth date, gender parity and a valid check character", () => {
    const rng = new Random(3);
    const issued = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const birth = day(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28));
      const gender = i % 2 ? "M" : "F";
      const id = idNumber18(rng, issued, birth, gender);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id.slice(6, 14)).toBe(iso(birth).replaceAll("-", ""));
      expect(Number(id[16]) % 2 === 1).toBe(gender === "M");
      expect(idCheckCharacter(id.slice(0, 17))).toBe(id[17]);
    }
  });

  it("15-digit legacy numbers carry yymmdd and gender parity in the last digit", () => {
    const id = idNumber15(new Random(1), new Set(), parseIso("1968-07-09"), "M");
    expect(id).toMatch(/^\d{6}680709\d{3}$/);
    expect(Number(id[14]) % 2).toBe(1);
  });

  it("never issues the same number twice, even for people born the same day in the same area", () => {
    const rng = new Random(5);
    const issued = new Set<string>();
    const birth = parseIso("1980-05-05");
    const ids = Array.from({ length: 600 }, (_, i) => idNumber18(rng, issued, birth, i % 2 ? "M" : "F"));
    expect(new Set(ids).size).toBe(600);
    for (const [i, id] of ids.entries()) expect(Number(id[16]) % 2 === 1).toBe(i % 2 === 1);
  });

  it("moves to another area code once an area's 500 sequences for a sex and birth date are used", () => {
    const rng = new Random(9);
    const issued = new Set<string>();
    const birth = parseIso("1989-10-01");
    const ids = Array.from({ length: 1200 }, () => idNumber18(rng, issued, birth, "F"));
    expect(new Set(ids).size).toBe(1200);
    expect(new Set(ids.map((id) => id.slice(0, 6))).size).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(Number(id[16]) % 2).toBe(0);
  });
});

describe("retirement dates (digest §6)", () => {
  it.each([
    ["1964-12-15", "M", "2024-12-01", "born before the first affected month: no delay"],
    ["1965-01-10", "M", "2025-02-01", "60 years 1 month"],
    ["1965-04-10", "M", "2025-05-01", "still 1 month"],
    ["1965-05-10", "F", "2020-05-01", "a woman teacher born 1965 is on the old 55"],
    ["1971-04-02", "F", "2026-08-01", "55-track woman born 1971-04 gets 4 months"],
    ["1990-01-01", "M", "2053-01-01", "maximum 36 months"],
  ] as const)("%s %s retires %s (%s)", (birth: string, gender: string, expected: string, _why: string) => {
    expect(iso(retirementDate(parseIso(birth), gender === "M" ? "men" : "women_cadre"))).toBe(expected);
  });

  it("women in service posts are on the 50 track, 2 birth months per step", () => {
    expect(iso(retirementDate(parseIso("1975-03-08"), "women_worker"))).toBe("2025-05-01");
    expect(iso(retirementDate(parseIso("1990-01-01"), "women_worker"))).toBe("2045-01-01");
  });
});

describe("appraisal numbers", () => {
  it("splits every score into components within their maxima that add up exactly", () => {
    const rng = new Random(5);
    for (let score = 0; score <= 1000; score++) {
      const [attitude, ability, duties, results] = splitScore(rng, score);
      expect(attitude + ability + duties + results).toBe(score);
      expect([attitude <= 50, ability <= 50, duties <= 600, results <= 300, Math.min(attitude, ability, duties, results) >= 0]).toEqual([true, true, true, true, true]);
    }
  });

  it.each([
    ["fail_share", (v: Votes) => v.excellent + v.competent < 0.6 * v.cast],
    ["fail_incompetent", (v: Votes) => v.incompetent > 0.3 * v.cast],
    ["boundary_share", (v: Votes) => (v.excellent + v.competent) * 10 === 6 * v.cast],
    ["boundary_incompetent", (v: Votes) => v.incompetent * 10 === 3 * v.cast],
    [undefined, (v: Votes) => v.excellent + v.competent >= 0.6 * v.cast && v.incompetent <= 0.3 * v.cast],
  ] as const)("votes case %s: counts ≤ cast ≤ expected and the case holds", (voteCase, holds) => {
    const rng = new Random(9);
    for (let i = 0; i < 200; i++) {
      const v = votesFor(rng, i % 2 ? "excellent" : "competent", 20 + i, voteCase);
      expect(v.excellent + v.competent + v.basic + v.incompetent).toBeLessThanOrEqual(v.cast);
      expect(v.cast).toBeLessThanOrEqual(v.expected);
      expect(Math.min(v.excellent, v.competent, v.basic, v.incompetent)).toBeGreaterThanOrEqual(0);
      expect(holds(v)).toBe(true);
    }
  });
});

type Votes = ReturnType<typeof votesFor>;
