import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isoDay } from "../../bench/arquero/days.ts";
import { rawTablesFrom } from "../../bench/arquero/load.ts";
import { decisionColumns, rotationMarts } from "../../bench/arquero/marts.ts";
import { loadPolicyLookup } from "../../bench/arquero/policy.ts";
import { compareRows, parseCsv } from "../../bench/compare.ts";
import { writeTableCsv } from "../../src/models/csv.ts";
import { build, person, post, type Given } from "../models/given.ts";

// One small county holding a case of each rule the arquero path re-implements; both paths run on
// it and must give the same rows, every decision column, as the benchmark checks at full size.
const transfer = (staff_id: string, from: string, to: string, start_date: string, extra = {}) =>
  ({ staff_id, from_school_id: from, to_school_id: to, start_date, type: "transfer", relation_moved: false, ...extra });
const county: Given = {
  schools: [
    { school_id: "S1", name: "城区实验小学", level: "primary", location: "urban", tier: "strong" },
    { school_id: "S2", name: "乡村中心小学", level: "primary", location: "rural", tier: "weak", phase_in_until: 2022 },
    { school_id: "S3", name: "镇中学", level: "junior", location: "town", tier: "general" },
    { school_id: "S4", name: "海岛小学", level: "primary", location: "rural", tier: "general", remote: true },
  ],
  staff: [
    person("T1", { birth_date: "1980-01-01" }), // ROT-T9: exactly 9.0 years
    person("T2", { birth_date: "1980-01-01" }), // 8.99 years
    person("T3", { gender: "F", birth_date: "1975-03-10" }), // woman aged 51: over the cap
    person("T4", { birth_date: "1971-09-01" }), // man turning 55 on the day
    person("T5"), person("T6"), person("T7"), // 支教 away, relation moved, exemption capped
    person("T8", { backbone: "backbone_teacher" }), // rotated out in a year it was due
    person("L1", { birth_date: "1976-05-12" }), person("L2", { birth_date: "1967-03-03" }), // ROT-P3, with and without a term left
    person("W1", { gender: "F", birth_date: "1978-02-01" }), // 工勤: not a rotation candidate, the 50 track
    person("C1", { employment: "contract" }), // contract staff are not in the table
    person("Y1", { birth_date: "1998-01-01", backbone: "rising_star" }), // sent in July, not eligible: counts as sent
    person("R1"), // on the island school, eligible, sent (the school has no target)
  ],
  appointments: [
    post("T1", "S1", "2017-09-01"),
    post("T2", "S1", "2017-09-05"),
    post("T3", "S2", "2014-09-01"),
    post("T4", "S3", "2014-09-01", { end_date: "2018-08-31" }), post("T4", "S3", "2018-09-01", { post: "class_teacher" }),
    post("T5", "S1", "2016-09-01"),
    post("T6", "S2", "2008-09-01", { end_date: "2020-08-31" }), post("T6", "S1", "2020-09-01"),
    post("T7", "S3", "2010-09-01"),
    post("T8", "S1", "2008-09-01", { end_date: "2022-08-31" }), post("T8", "S2", "2022-09-01"),
    post("L1", "S1", "2015-09-01", { post: "principal", end_date: "2020-08-31" }), post("L1", "S1", "2020-09-01", { post: "principal" }),
    post("L2", "S2", "2015-09-01", { post: "vice_principal" }),
    post("W1", "S3", "2005-09-01", { post: "service" }),
    post("C1", "S1", "2010-09-01"),
    post("Y1", "S1", "2021-09-01"),
    post("R1", "S4", "2010-09-01"),
  ],
  rotations: [
    { ...transfer("T5", "S1", "S2", "2019-09-01", { end_date: "2021-08-31" }), type: "support_teaching" },
    transfer("T6", "S2", "S1", "2020-09-01", { relation_moved: true }),
    transfer("T8", "S1", "S2", "2022-09-01", { relation_moved: true }),
    { ...transfer("T1", "S1", "S1", "2020-09-01"), type: "internal" },
    // July: round 2025 (ROT-YEAR); blank 人事关系随迁 on a 集团内交流 reads 是
    { ...transfer("Y1", "S1", "S3", "2025-07-20"), type: "group", relation_moved: null },
    // the principal sent in the round: a leader, not a teacher
    transfer("L1", "S1", "S3", "2025-09-01"),
    { ...transfer("R1", "S4", "S2", "2024-09-01", { end_date: "2025-08-31" }), type: "support_teaching" },
  ],
  exemptions: [
    { staff_id: "T7", reason: "major_project", start_date: "2023-08-01", end_date: "2028-08-31" },
    { staff_id: "T4", reason: "nursing", start_date: "2025-12-01", end_date: "2026-11-30" },
  ],
};

async function bothPaths(asOf: string) {
  const db = await build(county, asOf);
  const dir = await mkdtemp(join(tmpdir(), "bench-rules-"));
  try {
    const marts = rotationMarts(await rawTablesFrom(db.connection), await loadPolicyLookup(), isoDay(asOf));
    const compared = [];
    for (const [name, keys] of [["rotation_due", ["staff_id"]], ["rotation_compliance", ["school_id", "school_year"]]] as const) {
      await writeTableCsv(db, name, join(dir, `${name}.csv`));
      compared.push(compareRows(parseCsv(await readFile(join(dir, `${name}.csv`), "utf8")), marts[name].objects() as Record<string, unknown>[], keys, decisionColumns[name]));
    }
    return compared;
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the arquero rules give the SQL models' rows", () => {
  it.each(["2026-09-01", "2027-10-02", "2021-03-15", "2025-08-15"])("as of %s: rotation_due and rotation_compliance, every decision column", async (asOf) => {
    const [due, compliance] = await bothPaths(asOf);
    expect(due!.differences).toEqual([]);
    expect(compliance!.differences).toEqual([]);
    expect(due!.rows).toBeGreaterThan(5);
    expect(compliance!.rows).toBeGreaterThan(3);
  });
});
