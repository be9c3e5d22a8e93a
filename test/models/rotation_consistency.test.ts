/**
 * ROT-EXEMPT everywhere: one person is never due in one place and exempt in another. The same
 * county goes through the models and the rotation page's data; every place that says "due" or
 * "exempt" about a person must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsFromColumns } from "../../reports/components/columns.js";
import { rotationData } from "../../src/site/rotation.ts";
import type { Database } from "../../src/warehouse/duckdb.ts";
import { pageContext } from "../site/support/context.ts";
import { build, copyStaffNames, person, post, rows, type Given } from "./given.ts";

// As of 2026-08-31: the as-of date and school year 2026's evaluation count to the same day.
const asOf = "2026-08-31";
const exemption = (staff_id: string, reason: string, start_date: string, end_date: string) => ({ staff_id, reason, start_date, end_date });
const county: Given = {
  staff: ["P1", "P2", "M1", "M2", "M3", "T1", "T2", "T3"].map((id) => person(id, { birth_date: id.startsWith("P") ? "1976-05-12" : "1980-01-01" })),
  appointments: [
    post("P1", "S1", "2014-09-01", { post: "principal" }), // ROT-P3 due, exempt
    post("P2", "S2", "2014-09-01", { post: "principal" }), // ROT-P3 due
    post("M1", "S1", "2010-09-01"), post("M1", "S1", "2018-09-01", { post: "middle_head", department: "教导处" }), // ROT-T9 and ROT-MC6 due, exempt
    post("M2", "S1", "2015-09-01"), post("M2", "S1", "2018-09-01", { post: "middle_head", department: "德育处" }), // both due
    post("M3", "S1", "2010-09-01"), post("M3", "S1", "2022-09-01", { post: "middle_deputy", department: "总务处" }), // ROT-T9 due, exempt; not MC6
    post("T1", "S1", "2012-09-01"), // due
    post("T2", "S1", "2012-09-01"), // exempt
    post("T3", "S1", "2012-09-01"), // exemption expired: due
  ],
  rotations: [{ staff_id: "X", from_school_id: "S1", to_school_id: "S2", start_date: "2020-09-01", type: "transfer" }],
  exemptions: [
    exemption("P1", "nursing", "2025-12-01", "2026-11-30"),
    exemption("M1", "illness", "2026-01-01", "2026-12-31"),
    exemption("M3", "signature_course", "2024-09-01", "2027-08-31"),
    exemption("T2", "pregnancy", "2026-05-01", "2027-01-31"),
    exemption("T3", "illness", "2025-07-01", "2026-06-30"),
  ],
};

let db: Database;
beforeAll(async () => {
  db = await build(county, asOf);
  // the site copies names from the warehouse; the page data reads them from this table
  await copyStaffNames(db);
}, 60_000);
afterAll(() => db.close());

describe("the same person is never due in one place and exempt in another (ROT-EXEMPT)", () => {
  it("rotation_due and cadre_tenure agree, person by person", async () => {
    const due = await rows(db, "select staff_id, due, exempt, rule_id from rotation_due order by staff_id");
    const cadres = await rows(db, "select staff_id, rotation_due as due, exempt, rule_id from cadre_tenure order by staff_id");
    expect(due.filter((r) => r.exempt).map((r) => r.staff_id)).toEqual(["M1", "M3", "P1", "T2"]);
    expect(due.filter((r) => r.due).map((r) => r.staff_id)).toEqual(["M2", "P2", "T1", "T3"]);
    // a leader and a middle cadre with a valid exemption are exempt on cadre_tenure too
    expect(cadres).toEqual([
      { staff_id: "M1", due: false, exempt: true, rule_id: "ROT-EXEMPT" },
      { staff_id: "M2", due: true, exempt: false, rule_id: "ROT-MC6" },
      { staff_id: "M3", due: false, exempt: false, rule_id: "ROT-MC6" },
      { staff_id: "P1", due: false, exempt: true, rule_id: "ROT-EXEMPT" },
      { staff_id: "P2", due: true, exempt: false, rule_id: "ROT-P3" },
    ]);
    for (const cadre of cadres) {
      const other = due.find((r) => r.staff_id === cadre.staff_id)!;
      expect([cadre.due && other.exempt, cadre.exempt && other.due], String(cadre.staff_id)).toEqual([false, false]);
    }
  });

  it("the eligible count of rotation_compliance leaves the exempt out, as rotation_due does", async () => {
    // nothing changed between the round's eve (2026-06-30) and the as-of date, and both count to 2026-08-31
    const [school] = await rows(db, "select eligible, eligible_leaders from rotation_compliance where school_id = 'S1' and school_year = 2026");
    const [listed] = await rows(db, "select count(*) filter (where due and post not in ('principal'))::integer as teachers, count(*) filter (where due and post = 'principal')::integer as leaders from rotation_due where school_id = 'S1'");
    expect(school).toEqual({ eligible: listed!.teachers, eligible_leaders: listed!.leaders });
    expect(school).toEqual({ eligible: 3, eligible_leaders: 0 });
  });

  it("the rotation page lists each person once, with the status rotation_due gives them", async () => {
    const page = await rotationData(pageContext(db, "bureau", asOf));
    const listed = rowsFromColumns(page.due!).map((r) => [r.staff_id, r.due ? "due" : "exempt"]).sort();
    const due = (await rows(db, "select staff_id, due from rotation_due where due or exempt order by staff_id")).map((r) => [r.staff_id, r.due ? "due" : "exempt"]);
    expect(listed).toEqual(due);
    const bySchool = rowsFromColumns(page.dueBySchool).find((r) => r.school_id === "S1")!;
    expect(bySchool).toMatchObject({ due: 3, exempt: 4 });
  });
});
