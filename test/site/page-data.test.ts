/**
 * The page data functions on a tiny fixture county, per audience: what each build's JSON may and
 * may not contain. (The built-site test repeats the search on every output file.)
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { allowanceData } from "../../src/site/allowance.ts";
import { exitsData } from "../../src/site/exits.ts";
import { decodeColumn, rowsFromColumns as fromColumns } from "../../reports/components/columns.js";
import { overviewData } from "../../src/site/overview.ts";
import { qualityData } from "../../src/site/quality.ts";
import { rotationData } from "../../src/site/rotation.ts";
import { structureData } from "../../src/site/structure.ts";
import { summaryData } from "../../src/site/summary.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { pageContext } from "./support/context.ts";
import { createFixtureMarts, fixtureStaff } from "./support/fixture-marts.ts";

const pages = { overviewData, structureData, rotationData, allowanceData, exitsData, summaryData, qualityData };
let db: Database;
beforeAll(async () => {
  db = await createFixtureMarts();
});
afterAll(() => db.close());

const contextFor = (audience: string) => pageContext(db, audience, "2026-09-01");

async function allJson(audience: string): Promise<string> {
  const parts = [];
  for (const page of Object.values(pages)) parts.push(JSON.stringify(await page(contextFor(audience))));
  return parts.join("\n");
}

describe("public build data", () => {
  it("holds no name, ID number or staff ID", async () => {
    const json = await allJson("public");
    const found = fixtureStaff.flatMap(([id, name, idNumber]) => [id, name, idNumber].filter((value) => json.includes(JSON.stringify(value).slice(1, -1))));
    expect(found).toEqual([]);
  });

  it("suppresses counts of 1–4 and keeps larger ones", async () => {
    const rotation = await rotationData(contextFor("public"));
    const compliance = fromColumns(rotation.compliance);
    const s2 = compliance.find((row) => row.school_id === "S2" && row.school_year === 2025)!;
    // whether the target was met is read off the ratio, so it is withheld with it
    expect(s2).toMatchObject({ eligible: 30, rotated: null, ratio: null, met: null });
    expect(s2.suppressed).toEqual(["rotated", "rotated_eligible", "received_barred", "ratio", "met"]);
    const s1 = compliance.find((row) => row.school_id === "S1" && row.school_year === 2025)!;
    expect(s1).toMatchObject({ eligible: 40, rotated: 8, ratio: 0.2, met: true });
    expect(rotation.due).toBeNull();
  });

  it("suppresses small counts of rotations in and out and of staff by title and education", async () => {
    const summary = await summaryData(contextFor("public"));
    // Typed rows (SummaryData): a column renamed in src/site/summary.ts fails `npm run typecheck` here.
    const moves = fromColumns(summary.moves).filter((row) => row.school_year === 2024);
    const movesOf = (schoolId: string) => moves.find((row) => row.school_id === schoolId);
    expect([movesOf("S1")?.rotated_in, movesOf("S1")?.rotated_out]).toEqual([6, 8]);
    expect([movesOf("S2")?.rotated_in, movesOf("S2")?.rotated_out]).toEqual([null, null]);
    expect([movesOf("ALL")?.rotated_in, movesOf("ALL")?.rotated_out]).toEqual([10, 10]);
    const structure = await structureData(contextFor("public"));
    const titles = fromColumns(structure.staffTitles);
    // the county has 5 staff with a senior title (2 leaders, 1 middle, 2 teachers) and 2 teachers with one
    expect(titles.find((row) => row.school_id === "ALL" && row.post_group === "all" && row.title === "高级")).toMatchObject({ count: 5 });
    expect(titles.find((row) => row.school_id === "ALL" && row.post_group === "teacher" && row.title === "高级")).toMatchObject({ count: null });
  });

  it("lists rejects per file and column, without values or reasons", async () => {
    const quality = await qualityData(contextFor("public"));
    expect(quality.rows).toBeNull();
    expect(JSON.stringify(quality)).not.toContain("110101199901011111");
  });
});

describe("school build data", () => {
  it("names only its own people and shows no other school's figures", async () => {
    const json = await allJson("school:S1");
    // S1's cadres appear in the cadre, allowance and exit lists; its plain teachers need not.
    const own = fixtureStaff.filter((s) => s[5] === "S1" && s[6] !== "teacher");
    const others = fixtureStaff.filter((s) => s[5] !== "S1");
    for (const [id, name] of own) {
      expect(json).toContain(id);
      expect(json).toContain(JSON.stringify(name).slice(1, -1));
    }
    const leaked = others.flatMap(([id, name, idNumber]) => [id, name, idNumber].filter((v) => json.includes(JSON.stringify(v).slice(1, -1))));
    expect(leaked).toEqual([]);
    expect(json).not.toContain("城东初中"); // another school's name: its rows are not in a school build
  });

  it("keeps county aggregates", async () => {
    const summary = await summaryData(contextFor("school:S1"));
    expect(fromColumns(summary.rounds).map((row) => row.school_id).sort()).toEqual(["ALL", "S1"]);
    expect([...new Set(fromColumns(summary.moves).map((row) => row.school_id))].sort()).toEqual(["ALL", "S1"]);
    const structure = await structureData(contextFor("school:S1"));
    expect([...new Set(fromColumns(structure.staffTitles).map((row) => row.school_id))].sort()).toEqual(["ALL", "S1"]);
    expect([...new Set(fromColumns(structure.staffEducation).map((row) => row.school_id))].sort()).toEqual(["ALL", "S1"]);
  });
});

it("the annual summary's page data has one type, shared by its builder and this test", async () => {
  const summary = await summaryData(contextFor("public"));
  const [round] = fromColumns(summary.rounds);
  expectTypeOf(round!.competed).toEqualTypeOf<number | null>();
  expectTypeOf(round!.school_id).toEqualTypeOf<string>();
  // @ts-expect-error: no such column; a builder that renamed one would fail here the same way
  expect(round!.competitors).toBeUndefined();
  expect(typeof round!.competed).toBe("number");
});

it("the annual summary carries only what it shows: the county's rotations, the rounds' school years", async () => {
  const summary = await summaryData(contextFor("bureau"));
  expect(fromColumns(summary.rotations).map((row) => [row.school_id, row.school_year])).toEqual([["ALL", 2023], ["ALL", 2024], ["ALL", 2025]]);
  expect(new Set(fromColumns(summary.moves).map((row) => row.school_year))).toEqual(new Set([2024]));
});

describe("bureau build data", () => {
  it("has every cadre with a name, and the rejected rows", async () => {
    const structure = await structureData(contextFor("bureau"));
    expect(decodeColumn(structure.people!.name!)).toContain(fixtureStaff[0]![1]);
    const quality = await qualityData(contextFor("bureau"));
    expect(quality.rows).toHaveLength(2);
  });

  it("overview headlines count the county", async () => {
    const overview = await overviewData(contextFor("bureau"));
    expect(overview).toMatchObject({ rotationDue: 4, rotationExempt: 1, schoolYear: 2025, schoolsBelowRatio: 1, multiplierMismatches: 1, rejectedRows: 2 });
    // T004 (2026-10-01) and T008 (overdue) are within 12 months; T011 (2027-11) is not; T002 (2027-08-31) is.
    expect(overview.exitsNext12Months).toBe(3);
  });

  it("exits count overdue ones in the as-of month", async () => {
    const exits = await exitsData(contextFor("bureau"));
    const county = fromColumns(exits.byMonth).filter((row) => row.school_id === "ALL");
    expect(county).toContainEqual({ school_id: "ALL", month: "2026-09", kind: "法定退休", count: 1 });
    expect(decodeColumn(exits.people!.overdue!).filter(Boolean)).toHaveLength(1);
  });

  it("lists exemptions ending within the warning window", async () => {
    const rotation = await rotationData(contextFor("bureau"));
    expect(rotation.expiring!.map((row) => row.staff_id)).toEqual(["T007", "T005"]);
  });
});

it("allowance marks the mismatch", async () => {
  const allowance = await allowanceData(contextFor("bureau"));
  const mismatched = fromColumns(allowance.people!).filter((row) => row.mismatch).map((row) => row.staff_id);
  expect(new Set(mismatched)).toEqual(new Set(["T002"]));
});
