/**
 * 干部结构's establishment section (APT-ESTABLISHMENT) per audience, on a county the models build
 * from given rows: each school's posts against its approved numbers, the over-establishment
 * holders by name for the bureau and the school, and for the public counts only, suppressed so
 * that the differencing attack gets nothing back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsFromColumns as fromColumns } from "../../reports/components/columns.js";
import { establishmentShape } from "../../src/site/establishment.ts";
import { structureData } from "../../src/site/structure.ts";
import { attackRows } from "../../src/site/suppression.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { build, copyStaffNames, person, post, type Row } from "../models/given.ts";
import { pageContext } from "./support/context.ts";

const asOf = "2026-09-01";
const schools: Row[] = [
  { school_id: "J1", name: "城关初中", level: "junior", location: "urban", tier: "general" },
  { school_id: "J2", name: "溪口初中", level: "junior", location: "rural", tier: "general" },
  { school_id: "J3", name: "江南初中", level: "junior", location: "town", tier: "general" },
];
const leaders = (school: string, vices: number): Row[] => [
  post(`${school}P`, school, "2022-09-01", { post: "principal" }),
  ...Array.from({ length: vices }, (_, i) => post(`${school}V${i}`, school, "2022-09-01", { post: "vice_principal" })),
  post(`${school}H1`, school, "2022-09-01", { post: "middle_head", department: "教导处" }),
  post(`${school}H2`, school, "2022-09-01", { post: "middle_head", department: "总务处" }),
];
// J1 has three vice principals for an approved two: 城关超职数 is over establishment
const appointments = [...leaders("J1", 3), ...leaders("J2", 2), ...leaders("J3", 1)];
const staff = [...new Set(appointments.map((row) => String(row.staff_id)))].map((id) => person(id, { name: id === "J1V2" ? "超职数副校长" : `干部${id}` }));

let db: Database;
beforeAll(async () => {
  db = await build({ schools, staff, appointments }, asOf);
  await copyStaffNames(db);
}, 60_000);
afterAll(() => db.close());

const dataFor = (audience: string) => structureData(pageContext(db, audience, asOf));

describe("干部结构: establishment (APT-ESTABLISHMENT)", () => {
  it("the bureau sees each school's groups, the county summary and every over-establishment holder by name", async () => {
    const data = await dataFor("bureau");
    expect(data.establishmentSummary).toMatchObject({ schools: 3, schoolsOver: 1 });
    const groups = fromColumns(data.establishmentGroups);
    expect(groups.find((row) => row.school_id === "J1" && row.post_group === "校级领导")).toMatchObject({ approved: 3, in_post: 4, over: 1, vacant: 0 });
    expect(groups.find((row) => row.school_id === "J3" && row.post_group === "校级领导")).toMatchObject({ approved: 3, in_post: 2, over: 0, vacant: 1 });
    // office deputies (one per office by default) are approved and nobody holds them: six vacant
    expect(groups.find((row) => row.school_id === "ALL" && row.post_group === "全体")).toMatchObject({ in_post: 15, over: 1, vacant: 7 });
    const holders = fromColumns(data.establishmentHolders!);
    expect(holders.map((row) => row.staff_id).sort()).toEqual(["J1V0", "J1V1", "J1V2"]);
    expect(holders.map((row) => row.name)).toContain("超职数副校长");
    expect(holders[0]).toMatchObject({ school_id: "J1", post: "副校长", approved: 2, in_post: 3, source: "policy" });
  });

  it("a school build sees its own school and the county, and names only its own people", async () => {
    const data = await dataFor("school:J2");
    expect(new Set(fromColumns(data.establishmentGroups).map((row) => row.school_id))).toEqual(new Set(["J2", "ALL"]));
    expect(fromColumns(data.establishmentHolders!)).toEqual([]);
    expect(new Set(fromColumns(data.establishmentPosts!).map((row) => row.school_id))).toEqual(new Set(["J2"]));
    expect(data.establishmentSummary.ownSchoolOver).toBe(false);
  });

  it("the public build has counts only, and the differencing attack gets no hidden count back", async () => {
    const data = await dataFor("public");
    expect(data.establishmentHolders).toBeNull();
    expect(data.establishmentPosts).toBeNull();
    expect(JSON.stringify(data)).not.toMatch(/超职数副校长|J1V2/);
    const published = fromColumns(data.establishmentGroups);
    // a school's cadres are counted once, in the cadre team table: here only the county's rows
    expect(new Set(published.map((row) => row.school_id))).toEqual(new Set(["ALL"]));
    // the county's leaders (9) are published; its middle cadres (6) too; nothing below 5 is shown
    expect(published.find((row) => row.post_group === "校级领导")).toMatchObject({ in_post: 9 });
    for (const row of published) if (row.in_post === null) expect([row.over, row.vacant]).toEqual([null, null]);
    for (const row of published) if (row.in_post !== null) expect(row.in_post).toBeGreaterThanOrEqual(5);
    const shape = { ...establishmentShape, keys: [{ column: "school_id", total: "ALL" }, { column: "post_group", total: "全体" }], counts: ["in_post", "over", "vacant"] };
    const { recovered, exposed } = attackRows(published, shape);
    expect(recovered).toEqual(new Map());
    expect(exposed).toEqual([]);
  });
});
