/**
 * The sample county rotates as a county that follows the policy would, judged by the models
 * themselves: about its target share of eligible teachers each round (some schools above, some
 * below), leaders too; and every planted rotation case shows where the rules put it.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../data-loaders/ingest.ts";
import { buildMarts } from "../../src/models/index.ts";
import { queryJson, type Database } from "../../src/warehouse/duckdb.ts";
import { generateSample } from "./generate.ts";
import { readSample, type Sample } from "./read-sample.ts";

let db: Database;
let sample: Sample;
const rows = (sql: string) => queryJson(db.connection, sql);
const completedRounds = Array.from({ length: 11 }, (_, i) => 2015 + i);

beforeAll(async () => {
  const dir = await generateSample();
  sample = readSample(dir);
  const warehouse = join(dir, "..", "county.duckdb");
  await ingest({ dataDir: dir, warehouse, today: "2026-09-01" });
  db = await buildMarts({ warehouse, asOf: "2026-09-01" });
}, 300_000);
afterAll(() => db?.close());

describe("the sample county rotates like a real one (ROT-RATIO, ROT-LEAD15)", () => {
  it("sends about its target share of eligible teachers each round: the county rate within 75–130 % of its target", async () => {
    const county = await rows(`select school_year, ratio, target from rotation_compliance where school_id = 'ALL' and is_complete order by school_year`);
    expect(county.map((r) => r.school_year)).toEqual(completedRounds);
    for (const round of county) {
      expect(Number(round.ratio) / Number(round.target), `round ${round.school_year}`).toBeGreaterThan(0.75);
      expect(Number(round.ratio) / Number(round.target), `round ${round.school_year}`).toBeLessThan(1.3);
    }
    const mean = county.reduce((sum, r) => sum + Number(r.ratio) / Number(r.target), 0) / county.length;
    expect(mean).toBeGreaterThan(0.9);
    expect(mean).toBeLessThan(1.15);
  });

  it("has some schools above their target and some below in every round, most rounds near half and half", async () => {
    const perRound = await rows(`select school_year, count(*) filter (where met)::integer as above, count(*) filter (where not met)::integer as below
      from rotation_compliance where school_id <> 'ALL' and is_complete group by school_year order by school_year`);
    for (const round of perRound) {
      const share = Number(round.above) / (Number(round.above) + Number(round.below));
      expect(Number(round.above), `round ${round.school_year}`).toBeGreaterThanOrEqual(5);
      expect(Number(round.below), `round ${round.school_year}`).toBeGreaterThanOrEqual(5);
      expect(share, `round ${round.school_year}`).toBeGreaterThan(0.25);
      expect(share, `round ${round.school_year}`).toBeLessThan(0.85);
    }
    const meeting = perRound.filter((r) => Number(r.above) / (Number(r.above) + Number(r.below)) >= 0.4);
    expect(meeting.length).toBeGreaterThanOrEqual(6);
  });

  it("sends mostly eligible teachers and a few others, and rotates some of its eligible leaders most years", async () => {
    const county = await rows(`select school_year, rotated, rotated_eligible, eligible_leaders, rotated_leaders
      from rotation_compliance where school_id = 'ALL' and is_complete order by school_year`);
    const sent = county.reduce((sum, r) => sum + Number(r.rotated), 0);
    const eligibleSent = county.reduce((sum, r) => sum + Number(r.rotated_eligible), 0);
    expect(eligibleSent / sent).toBeGreaterThan(0.85);
    expect(eligibleSent).toBeLessThan(sent);
    expect(county.filter((r) => Number(r.rotated_leaders) > 0).length).toBeGreaterThanOrEqual(6);
    const leaderRate = county.reduce((sum, r) => sum + Number(r.rotated_leaders), 0) / county.reduce((sum, r) => sum + Number(r.eligible_leaders), 0);
    expect(leaderRate).toBeGreaterThan(0.08);
    expect(leaderRate).toBeLessThan(0.35);
  });

  it("has few people leaving a school they rotated into too early (ROT-SERVE), and backbone teachers among those sent", async () => {
    const county = await rows(`select sum(rotated_in)::integer as moved_in, sum(left_early)::integer as left_early, sum(backbone_rotated)::integer as backbone, sum(rotated)::integer as sent
      from rotation_compliance where school_id = 'ALL' and is_complete`);
    expect(Number(county[0]!.left_early)).toBeGreaterThan(0);
    expect(Number(county[0]!.left_early) / Number(county[0]!.moved_in)).toBeLessThan(0.2);
    expect(Number(county[0]!.backbone) / Number(county[0]!.sent)).toBeGreaterThan(0.08);
  });
});

describe("the sample's remote and phase-in schools and planted rotation cases, as the models see them", () => {
  it("a remote school is never judged; a phase-in school is not judged in its phase-in's years only", async () => {
    const remote = sample.schools.filter((s) => s.remote === "是").map((s) => s.school_id!);
    const phasing = sample.schools.filter((s) => s.phase_in_until !== "");
    expect(remote.length).toBeGreaterThanOrEqual(1);
    expect(phasing.length).toBeGreaterThanOrEqual(1);
    const judged = await rows(`select school_id, school_year, target_exception from rotation_compliance where school_id <> 'ALL'`);
    for (const id of remote) expect(judged.filter((r) => r.school_id === id).every((r) => r.target_exception === "remote")).toBe(true);
    const phase = phasing[0]!;
    const until = Number(phase.phase_in_until);
    const years = judged.filter((r) => r.school_id === phase.school_id && r.target_exception === "phase_in").map((r) => r.school_year);
    expect(years).toEqual(Array.from({ length: 5 }, (_, i) => until - 4 + i).filter((y) => y <= 2026));
  });

  const planting = async () => {
    const [row] = await rows(`select staff_id from rotation_exemptions where start_date = '2024-09-01' and end_date = '2027-09-01'`);
    const [school] = await rows(`select school_id from rotation_due where staff_id = '${String(row!.staff_id)}'`);
    return String(school!.school_id);
  };

  it("the exemption of 3 years and a day is loaded and capped at 2027-08-31, and holds", async () => {
    const capped = await rows(`select staff_id, valid_until::varchar as valid_until from rotation_exemptions where capped`);
    expect(capped.map((r) => r.valid_until)).toContain("2027-08-31");
    const [due] = await rows(`select exempt, rule_id from rotation_due where staff_id = '${String(capped.find((r) => r.valid_until === "2027-08-31")!.staff_id)}'`);
    expect(due).toEqual({ exempt: true, rule_id: "ROT-EXEMPT" });
  });

  it("the planting school: a summer transfer counts toward 2025, a barred teacher was received in 2025, one left in 2024 too early", async () => {
    const school = await planting();
    const rounds = await rows(`select school_year, rotated_eligible, received_barred, left_early from rotation_compliance where school_id = '${school}' order by school_year`);
    expect(rounds.find((r) => r.school_year === 2025)).toMatchObject({ received_barred: 1 });
    expect(Number(rounds.find((r) => r.school_year === 2025)!.rotated_eligible)).toBeGreaterThanOrEqual(1);
    expect(Number(rounds.find((r) => r.school_year === 2024)!.left_early)).toBeGreaterThanOrEqual(1);
    // the planting school also holds the cadre cases (an incompetent 2023 appraisal among them): look for this one
    const barred = await rows(`select barred, failed_appraisal_year from rotation_due where school_id = '${school}' and barred`);
    expect(barred).toContainEqual({ barred: true, failed_appraisal_year: 2024 });
  });
});

describe("the sample's cadre establishment (APT-ESTABLISHMENT), as a county's audit finds it", () => {
  it("the bureau approved every school's own structure; a few schools are over it, by a deputy", async () => {
    const [counts] = await rows(`select count(distinct school_id)::integer as schools,
        count(distinct school_id) filter (where over)::integer as over,
        count(*) filter (where post = 'principal' and source = 'establishments')::integer as principals_approved
      from cadre_establishment`);
    expect(counts).toMatchObject({ schools: 40, principals_approved: 40 });
    expect(Number(counts!.over)).toBeGreaterThanOrEqual(2);
    expect(Number(counts!.over)).toBeLessThanOrEqual(8);
  });
});
