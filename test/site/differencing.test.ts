/**
 * The differencing attack on a whole public build: every page's data, every total minus its
 * published parts, a figure published on two pages taken from whichever shows it, repeated until
 * it learns nothing more, then elimination over all the sums at once. On the sample county and on
 * a county of one-principal schools, it must give back no suppressed count.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../data-loaders/ingest.ts";
import { rowsFromColumns } from "../../reports/components/columns.js";
import { allowanceData, allowanceLinks, allowanceShapes } from "../../src/site/allowance.ts";
import { COUNTY, SMALL_CELL_THRESHOLD } from "../../src/site/audience.ts";
import { openMarts } from "../../src/site/context.ts";
import { exitsData, exitsShapes } from "../../src/site/exits.ts";
import type { Columns } from "../../src/site/frame.ts";
import { snapshotMarts } from "../../src/site/marts.ts";
import { exitMonthKinds, outlookData, outlookLinks, outlookShapes } from "../../src/site/outlook.ts";
import { overviewData } from "../../src/site/overview.ts";
import { addDraftPlan } from "../../src/plan/index.ts";
import { planData, planLinks, planShapes } from "../../src/site/plan.ts";
import { qualityData, scoreShape } from "../../src/site/quality.ts";
import { rotationData, rotationLinks, rotationShapes } from "../../src/site/rotation.ts";
import { reserveShape, structureData, structureLinks, structureShapes } from "../../src/site/structure.ts";
import { summaryData, summaryShapes } from "../../src/site/summary.ts";
import { attackTables, brokenRelations, isSmallCount, suppressTables, tablesOf, type Link, type NamedTables, type TableShape } from "../../src/site/suppression.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { build, copyStaffNames, person, post, type Row } from "../models/given.ts";
import { generateSample } from "../sample/generate.ts";
import { pageContext } from "./support/context.ts";

const asOf = "2026-09-01";
/** The last month pending_exits covers (the default 36 months from the as-of date). */
const horizonMonth = "2029-09";
type Rows = Record<string, unknown>[];
const rowsOf = (columns: Columns<object>) => rowsFromColumns(columns) as Rows;

/** Every page's data for one audience. */
async function site(db: Database, audience: string) {
  const context = pageContext(db, audience, asOf);
  return {
    overview: await overviewData(context),
    structure: await structureData(context),
    rotation: await rotationData(context),
    plan: await planData(context),
    allowance: await allowanceData(context),
    exits: await exitsData(context),
    quality: await qualityData(context),
    summary: await summaryData(context),
    outlook: await outlookData(context),
  };
}
type Site = Awaited<ReturnType<typeof site>>;

/**
 * What the attacker reads: every table of people counted that a page publishes, with the sums
 * the pages' shapes declare, and the figures two pages both publish tied together.
 */
function attackersView(data: Site): { tables: NamedTables; links: Link[] } {
  const { overview, structure, rotation, plan, allowance, exits, quality, summary, outlook } = data;
  const payYear = overview.payYear;
  const tables: NamedTables = {
    // 干部结构, with 总览's headcounts in the place its shapes give them
    ...Object.fromEntries(
      (["pyramid", "summary", "titles", "education", "staffTitles", "staffEducation"] as const).map((name) => [name, { rows: rowsOf(structure[name]), shape: structureShapes[name] }]),
    ),
    headcounts: { rows: overview.headcounts, shape: structureShapes.headcounts },
    reserveCounts: { rows: rowsOf(structure.reserveCounts), shape: reserveShape },
    compliance: { rows: rowsOf(rotation.compliance), shape: rotationShapes.compliance },
    county: { rows: rotation.county, shape: rotationShapes.county },
    reverseFlow: { rows: rotation.reverseFlow, shape: rotationShapes.reverseFlow },
    dueBySchool: { rows: rowsOf(rotation.dueBySchool), shape: rotationShapes.dueBySchool },
    // 交流方案: the coming round's draft, its flows tied to what each tier's and district's schools send and receive
    planSchools: { rows: rowsOf(plan.summary), shape: planShapes.planSchools },
    tierFlows: { rows: plan.tierFlows, shape: planShapes.tierFlows },
    districtFlows: { rows: plan.districtFlows, shape: planShapes.districtFlows },
    unplacedByReason: { rows: plan.unplacedByReason, shape: planShapes.unplacedByReason },
    grades: { rows: rowsOf(allowance.grades), shape: allowanceShapes.grades },
    mismatches: { rows: rowsOf(allowance.mismatches), shape: allowanceShapes.mismatches },
    careCounts: { rows: rowsOf(allowance.careCounts), shape: allowanceShapes.careCounts },
    byMonth: { rows: rowsOf(exits.byMonth), shape: exitsShapes.byMonth },
    protectedCounts: { rows: rowsOf(exits.protectedCounts), shape: exitsShapes.protectedCounts },
    awaitingCounts: { rows: rowsOf(exits.awaitingCounts), shape: exitsShapes.awaitingCounts },
    scoreCounts: { rows: rowsOf(quality.scoreCounts), shape: scoreShape },
    outlook: { rows: rowsOf(outlook.outlook), shape: outlookShapes.outlook },
    ...(outlook.planEffect ? { planEffect: { rows: rowsOf(outlook.planEffect), shape: outlookShapes.planEffect } } : {}),
    rounds: { rows: rowsOf(summary.rounds), shape: summaryShapes.rounds },
    moves: { rows: rowsOf(summary.moves), shape: summaryShapes.moves },
    directHire: { rows: rowsOf(summary.directHire), shape: summaryShapes.directHire },
    // figures 年度总结 and 总览 publish beside other pages' tables
    summaryRotations: { rows: rowsOf(summary.rotations), shape: { keys: [{ column: "school_year" }], counts: ["eligible", "rotated", "backbone_rotated"] } },
    summaryCadres: { rows: rowsOf(summary.cadreTeam), shape: { keys: [{ column: "school_id" }], counts: ["cadres", "young_cadres"] } },
    summaryAwaiting: { rows: rowsOf(summary.awaiting), shape: { keys: [{ column: "school_id" }, { column: "stage" }], counts: ["count"] } },
    overviewFigures: {
      rows: [{ scope: "county", due: overview.rotationDue, exempt: overview.rotationExempt, barred: rotation.barredCount, mismatches: overview.multiplierMismatches }],
      shape: { keys: [{ column: "scope" }], counts: ["due", "exempt", "barred", "mismatches"] },
    },
  };
  const same = (a: string, aCount: string, b: string, bCount: string, key: (row: Record<string, unknown>) => string | null, bKey = key): Link => ({
    sides: [{ table: a, count: aCount, key }, { table: b, count: bCount, key: bKey }],
  });
  const bySchool = (row: Record<string, unknown>) => String(row.school_id);
  const county = (row: Record<string, unknown>) => (row.school_id === COUNTY ? "county" : null);
  const links: Link[] = [
    ...structureLinks,
    ...rotationLinks,
    ...planLinks,
    ...allowanceLinks,
    same("summary", "cadres", "summaryCadres", "cadres", (row) => (row.post_group === "全体" ? bySchool(row) : null), bySchool),
    same("summary", "young", "summaryCadres", "young_cadres", (row) => (row.post_group === "全体" ? bySchool(row) : null), bySchool),
    ...["eligible", "rotated", "backbone_rotated"].map((count) => same("county", count, "summaryRotations", count, (row) => String(row.school_year))),
    same("awaitingCounts", "count", "summaryAwaiting", "count", (row) => `${String(row.school_id)}|${String(row.stage)}`),
    ...["due", "exempt", "barred"].map((count) => same("dueBySchool", count, "overviewFigures", count, county, () => "county")),
    same("mismatches", "mismatches", "overviewFigures", "mismatches", (row) => (row.school_id === COUNTY && row.year === payYear ? "county" : null), () => "county"),
    ...(outlook.planEffect ? outlookLinks : []),
    // 展望's county retirements in school year Y are 待退出's county retirements of the months
    // Y-10 … (Y+1)-09 (retirement dates are first days of a month), for the years the horizon covers
    same("outlook", "retirements", "byMonth", "count",
      (row) => (row.school_id === COUNTY && `${Number(row.school_year) + 1}-09` <= horizonMonth ? String(row.school_year) : null),
      (row) => {
        if (row.school_id !== COUNTY || row.kind !== exitMonthKinds.retirements) return null;
        const month = String(row.month);
        const year = Number(month.slice(0, 4)) - (month.slice(5) <= "09" ? 1 : 0);
        return outlook.years.includes(year) && `${year + 1}-09` <= horizonMonth ? String(year) : null;
      }),
  ];
  return { tables, links };
}

/** The public build's hidden counts, primary (1 to threshold − 1 people in the bureau build) and secondary. */
function hiddenCells(publicView: NamedTables, bureauView: NamedTables) {
  let primary = 0;
  let secondary = 0;
  for (const [name, { rows, shape }] of Object.entries(publicView)) {
    const keyOf = (row: Record<string, unknown>) => shape.keys.map(({ column }) => String(row[column])).join("|");
    const truth = new Map(bureauView[name]!.rows.map((row) => [keyOf(row), row]));
    for (const row of rows) {
      for (const count of shape.counts) {
        if (row[count] !== null) continue;
        if (isSmallCount(truth.get(keyOf(row))?.[count], SMALL_CELL_THRESHOLD)) primary++;
        else secondary++;
      }
    }
  }
  return { primary, secondary };
}

/** The attack on the same tables with small counts hidden and nothing more: what secondary suppression is for. */
function primaryOnlyAttack({ tables, links }: { tables: NamedTables; links: Link[] }) {
  const noSums = (shape: TableShape): TableShape => ({ ...shape, keys: shape.keys.map(({ column }) => ({ column })), sums: [] });
  const primaryOnly = suppressTables(Object.fromEntries(Object.entries(tables).map(([name, { rows, shape }]) => [name, { rows, shape: noSums(shape) }])), [], SMALL_CELL_THRESHOLD);
  return attackTables(Object.fromEntries(Object.entries(primaryOnly).map(([name, rows]) => [name, { rows, shape: tables[name]!.shape }])), links);
}

async function attackOn(db: Database) {
  const bureau = attackersView(await site(db, "bureau"));
  const published = attackersView(await site(db, "public"));
  return { bureau, published, attack: attackTables(published.tables, published.links), hidden: hiddenCells(published.tables, bureau.tables) };
}

describe("the sample county's public build", () => {
  let db: Database;
  let result: Awaited<ReturnType<typeof attackOn>>;
  beforeAll(async () => {
    const dir = await generateSample();
    const warehouse = join(dir, "..", "county.duckdb");
    await ingest({ dataDir: dir, warehouse, today: asOf });
    const marts = join(mkdtempSync(join(tmpdir(), "cadreboard-marts-")), "marts.duckdb");
    await snapshotMarts({ warehouse, asOf, out: marts });
    db = await openMarts(marts);
    result = await attackOn(db);
  }, 300_000);
  afterAll(() => db?.close());

  it("the attacker's sums are true: every declared total is the sum of its parts in the bureau's numbers", () => {
    expect(brokenRelations(tablesOf(result.bureau.tables, result.bureau.links))).toEqual([]);
  });

  it("hides small counts, and the further counts that would give them back", () => {
    expect(result.hidden.primary).toBeGreaterThan(0);
    expect(result.hidden.secondary).toBeGreaterThan(0);
  });

  it("would give back small counts with primary suppression alone: the attack finds what there is to find", () => {
    const { recovered } = primaryOnlyAttack(result.bureau);
    const truth = tablesOf(result.bureau.tables, result.bureau.links).cells;
    expect(recovered.size).toBeGreaterThan(0);
    for (const [cell, value] of recovered) expect(value, cell).toBe(truth.get(cell));
    console.info(`sample county, public build: ${result.hidden.primary} counts hidden as small, ${result.hidden.secondary} more to protect them; primary suppression alone would give back ${recovered.size}`);
  });

  it("gives back nothing by subtraction, nor by elimination over all the sums", () => {
    expect(result.attack.recovered).toEqual(new Map());
    expect(result.attack.exposed).toEqual([]);
  });
});

describe("a county of one-principal schools", () => {
  // Four schools, each with one principal, a few middle cadres and teachers: the principal's
  // count (1) is 全体 − 中层干部 on 干部结构 unless something more is hidden.
  const schools: Row[] = ["S1", "S2", "S3", "S4"].map((school_id, i) => ({ school_id, name: `第${i + 1}小学`, level: "primary", location: i % 2 ? "rural" : "urban", tier: "general" }));
  const staff: Row[] = [];
  const appointments: Row[] = [];
  schools.forEach(({ school_id }, s) => {
    const add = (n: number, role: string, extra: Row = {}) => {
      for (let i = 0; i < n; i++) {
        const id = `${String(school_id)}${role}${i}`;
        staff.push(person(id, { gender: i % 2 ? "F" : "M", birth_date: `${1970 + ((i * 7 + s * 3) % 25)}-03-0${1 + (i % 8)}`, title: i % 3 ? "first" : "senior" }));
        appointments.push(post(id, String(school_id), "2015-09-01", extra));
      }
    };
    add(1, "P", { post: "principal" });
    add(6 + s, "M", { post: "middle_head", department: "教导处" });
    add(20 + 3 * s, "T");
  });

  let db: Database;
  let result: Awaited<ReturnType<typeof attackOn>>;
  beforeAll(async () => {
    db = await build({ schools, staff, appointments }, asOf);
    await copyStaffNames(db);
    await addDraftPlan(db);
    result = await attackOn(db);
  }, 120_000);
  afterAll(() => db?.close());

  it("primary suppression alone would give each principal back (the leak this guards against)", () => {
    const { recovered } = primaryOnlyAttack(result.bureau);
    for (const school of ["S1", "S2", "S3", "S4"]) expect(recovered.get(`summary/${school}|校级领导#cadres`)).toBe(1);
  });

  it("the public build hides each principal and gives nothing back", () => {
    const principals = result.published.tables.summary!.rows.filter((row) => row.post_group === "校级领导" && row.school_id !== COUNTY);
    expect(principals.map((row) => [row.school_id, row.cadres, row.mean_age])).toEqual(["S1", "S2", "S3", "S4"].map((school) => [school, null, null]));
    expect(result.attack.recovered).toEqual(new Map());
    expect(result.attack.exposed).toEqual([]);
  });
});
