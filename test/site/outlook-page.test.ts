/**
 * 展望's page data (src/site/outlook.ts) on a small county built by the models, per audience:
 * every school's rows for the bureau, its own and the county's for a school, the county's alone
 * for the public with small counts withheld (and a year whose sum would give back a month 待退出
 * withholds); the draft plan's effect beside the first year only when a rotation_plan exists.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsFromColumns } from "../../reports/components/columns.js";
import { exitsData } from "../../src/site/exits.ts";
import { outlookData } from "../../src/site/outlook.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { build, copyStaffNames, person, post, type Row } from "../models/given.ts";
import { pageContext } from "./support/context.ts";

// As of 2026-09-01 the round of 2026 has opened: the outlook's years are 2027 … 2031.
const asOf = "2026-09-01";
const teachers = ["T1", "T2", "T3", "T4", "T5", "T6", "T7"];
// five men born 1967-03 retire on 2027-10-01 and one born 1967-07 on 2028-03-01 (60 + 7 and
// 60 + 8 months): all six in school year 2027
const retirees: [string, string][] = [["R1", "1967-03-10"], ["R2", "1967-03-11"], ["R3", "1967-03-12"], ["R4", "1967-03-13"], ["R5", "1967-03-14"], ["R6", "1967-07-10"]];
const staff: Row[] = [
  ...teachers.map((id) => person(id)),
  ...retirees.map(([id, birth]) => person(id, { birth_date: birth })),
  person("P1", { birth_date: "1975-03-01" }),
];
const appointments: Row[] = [
  // seven teachers at S1 since 2010: due every year (ROT-T9)
  ...teachers.map((id) => post(id, "S1", "2010-09-01")),
  ...retirees.map(([id]) => post(id, "S2", "2020-09-01")),
  // S2's principal since 2019-09-01: due by ROT-P3 from 2028
  post("P1", "S2", "2005-09-01"), post("P1", "S2", "2019-09-01", { post: "principal", term_years: 3 }),
];

let db: Database;
beforeAll(async () => {
  db = await build({ staff, appointments }, asOf);
  await copyStaffNames(db);
}, 60_000);
afterAll(() => db.close());

const dataFor = (audience: string) => outlookData(pageContext(db, audience, asOf));

describe("展望 page data", () => {
  it("bureau: every school and the county over the five years; no plan drafted, so no plan column", async () => {
    const data = await dataFor("bureau");
    expect(data.years).toEqual([2027, 2028, 2029, 2030, 2031]);
    expect(data.youngCadreMaxAge).toBe(40);
    const rows = rowsFromColumns(data.outlook);
    expect(new Set(rows.map((row) => row.school_id))).toEqual(new Set(["ALL", "S1", "S2"]));
    expect(rows.filter((row) => row.school_id === "ALL").map((row) => [row.school_year, row.teachers_due, row.leaders_due, row.retirements, row.cadres])).toEqual([
      [2027, 7, 0, 6, 1], [2028, 7, 1, 0, 1], [2029, 7, 1, 0, 1], [2030, 7, 1, 0, 1], [2031, 7, 1, 0, 1],
    ]);
    expect(data.planEffect).toBeNull();
  });

  it("a school build: its own rows and the county's, nobody else's", async () => {
    const data = await dataFor("school:S1");
    expect(new Set(rowsFromColumns(data.outlook).map((row) => row.school_id))).toEqual(new Set(["ALL", "S1"]));
    expect(rowsFromColumns(data.schools).map((row) => row.school_id)).toEqual(["S1"]);
  });

  it("public: the county alone; 1–4 withheld, zero shown, five and more shown", async () => {
    const rows = rowsFromColumns((await dataFor("public")).outlook);
    expect(new Set(rows.map((row) => row.school_id))).toEqual(new Set(["ALL"]));
    const year2028 = rows.find((row) => row.school_year === 2028)!;
    // one leader due and one cadre: withheld, with the share of young cadres computed from them;
    // no young cadre: zero is shown
    expect(year2028).toMatchObject({ teachers_due: 7, leaders_due: null, retirements: 0, cadres: null, cadres_40_or_under: 0, share_40_or_under: null });
    expect(year2028.suppressed).toEqual(["leaders_due", "cadres", "share_40_or_under"]);
  });

  it("public: 2027's six retirements are withheld, because 待退出 shows 2027-10's five and withholds 2028-03's one", async () => {
    const context = pageContext(db, "public", asOf);
    const months = rowsFromColumns((await exitsData(context)).byMonth).filter((row) => row.school_id === "ALL" && row.kind === "法定退休");
    expect(months.map((row) => [row.month, row.count])).toEqual([["2027-10", 5], ["2028-03", null]]);
    const year2027 = rowsFromColumns((await outlookData(context)).outlook).find((row) => row.school_year === 2027)!;
    expect(year2027.retirements).toBeNull();
    expect(year2027.suppressed).toContain("retirements");
    // the bureau sees the six
    const bureau = rowsFromColumns((await dataFor("bureau")).outlook).find((row) => row.school_year === 2027 && row.school_id === "ALL")!;
    expect(bureau.retirements).toBe(6);
  });

  it("with a drafted rotation_plan: the first year's due less those the plan sends, per school and county", async () => {
    const planned = await build({ staff, appointments }, asOf);
    try {
      await copyStaffNames(planned);
      await planned.connection.run(`create table rotation_plan as select * from (values
        (2027, 'T1', 'S1', 'S2', 'teacher', false), (2027, 'T2', 'S1', 'S2', 'teacher', false), (2028, 'T3', 'S1', 'S2', 'teacher', false)
      ) as plan(school_year, staff_id, from_school_id, to_school_id, post_group, backbone)`);
      const data = await outlookData(pageContext(planned, "bureau", asOf));
      expect(rowsFromColumns(data.planEffect!).map((row) => [row.school_id, row.teachers_due, row.teachers_sent, row.teachers_left, row.leaders_left])).toEqual([
        ["ALL", 7, 2, 5, 0], ["S1", 7, 2, 5, 0], ["S2", 0, 0, 0, 0],
      ]);
    } finally {
      planned.close();
    }
  });
});
