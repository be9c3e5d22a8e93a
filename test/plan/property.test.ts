/**
 * Every plan the drafter makes passes its own checker: on random counties, the rules that never
 * give way (PLAN-WHO, PLAN-NO-REVERSE's moves, PLAN-QUOTA, PLAN-BAR, PLAN-HEAD-FIRST, PLAN-LEVEL)
 * hold at every school, and a requirement that may give way (PLAN-RATIO, PLAN-BACKBONE, the
 * county's strong-to-other flow) fails only where the drafter said it gave way, by that much.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../data-loaders/ingest.ts";
import { writeSampleCounty } from "../../src/sample/index.ts";
import { planContext } from "../../src/plan/index.ts";
import { random } from "../faults/harness.ts";
import { tempDir } from "../ingest/fixtures.ts";
import { checkPlan } from "../../src/plan/check.ts";
import type { PlanContext, PlanPerson, PlanSchool } from "../../src/plan/context.ts";
import { ceilShare } from "../../src/plan/check-words.ts";
import { draftPlan } from "../../src/plan/draft.ts";
import { county, leader, school, teacher } from "./hand-made.ts";

function randomCounty(seed: number): PlanContext {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const schools: PlanSchool[] = [];
  const people: PlanPerson[] = [];
  const schoolCount = 2 + Math.floor(next() * 7);
  for (let s = 0; s < schoolCount; s++) {
    const id = `S${s}`;
    const tier = pick(["strong", "general", "weak"] as const);
    const withQuota = next() < 0.8;
    const staff: PlanPerson[] = [];
    const teachers = Math.floor(next() * 9);
    for (let p = 0; p < teachers; p++) {
      staff.push(
        teacher(`${id}t${p}`, id, 9 + Math.round(next() * 100) / 10, {
          backbone: next() < 0.3,
          barred: next() < 0.1,
          ...(next() < 0.15 ? { mayMove: false, exempt: true, ruleId: "ROT-EXEMPT" } : {}),
        }),
      );
    }
    if (next() < 0.5) staff.push(leader(`${id}p`, id, 9 + Math.round(next() * 60) / 10));
    if (next() < 0.4) {
      staff.push(teacher(`${id}h`, id, 6, { postGroup: "middle", post: "middle_head", department: "教务处", officeRole: "head", mayMove: next() < 0.5, postRotationDue: true }));
      staff.push(teacher(`${id}d`, id, 6, { postGroup: "middle", post: "middle_deputy", department: "教务处", officeRole: "deputy", mayMove: next() < 0.5, postRotationDue: next() < 0.7 }));
    }
    const eligible = staff.filter((person) => person.due && person.postGroup !== "leader").length;
    const targetApplies = next() < 0.9;
    schools.push(
      school(id, {
        tier,
        district: pick(["东片", "西片"]),
        level: pick(["primary", "primary", "junior", "nine_year", "kindergarten"]),
        staffQuota: withQuota ? 40 : null,
        freePlaces: withQuota ? Math.floor(next() * 4) : null,
        eligibleTeachers: eligible,
        targetApplies,
        targetException: targetApplies ? null : "remote",
        requiredSends: targetApplies ? ceilShare(eligible, 3, 20) : 0,
      }),
    );
    people.push(...staff);
  }
  return county(schools, people);
}

/** The rules no plan of the drafter's may break, whatever the records. */
const neverGiveWay = ["PLAN-WHO", "PLAN-QUOTA", "PLAN-BAR", "PLAN-HEAD-FIRST", "PLAN-LEVEL"];

describe("drafted plans pass their own checker", () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`random county ${seed}`, async () => {
      const context = randomCounty(seed);
      const draft = await draftPlan(context);
      expect(draft.solver.status).toBe("optimal");
      const checks = checkPlan(context, draft.moves);
      const broken = checks.filter((check) => !check.holds);
      // the hard rules hold everywhere
      expect(broken.filter((check) => neverGiveWay.includes(check.ruleId))).toEqual([]);
      expect(broken.filter((check) => check.ruleId === "PLAN-NO-REVERSE" && check.schoolId !== "ALL")).toEqual([]);
      // a school's ratio fails exactly where the drafter gave way, by that much
      const ratioShort = Object.fromEntries(
        broken.filter((check) => check.ruleId === "PLAN-RATIO" && check.schoolId !== "ALL").map((check) => [check.schoolId, check.required! - check.planned!]),
      );
      expect(ratioShort).toEqual(draft.gaveWay.ratio);
      const leaders = checks.find((check) => check.ruleId === "PLAN-RATIO" && check.schoolId === "ALL")!;
      expect(leaders.holds).toBe(draft.gaveWay.leaders === 0);
      const backbone = checks.find((check) => check.ruleId === "PLAN-BACKBONE" && check.schoolId === "ALL")!;
      expect(backbone.holds).toBe(draft.gaveWay.backbone === 0);
      const flow = checks.find((check) => check.ruleId === "PLAN-NO-REVERSE" && check.schoolId === "ALL")!;
      expect(flow.holds).toBe(!draft.gaveWay.reverse);
      // every due person the drafter could not place is listed with a reason, and none is also moved
      const moved = new Set(draft.moves.map((move) => move.staffId));
      for (const entry of draft.unplaced) expect(moved.has(entry.staffId)).toBe(false);
    });
  }
});

describe("drafted plans pass their own checker on sample counties", () => {
  for (const seed of [3, 17, 29]) {
    it(`sample county, seed ${seed}`, async () => {
      const dir = tempDir(`plan-sample-${seed}`);
      await writeSampleCounty({ outDir: join(dir, "data"), staff: 600, seed });
      await ingest({ dataDir: join(dir, "data"), warehouse: join(dir, "w.duckdb") });
      const context = await planContext({ warehouse: join(dir, "w.duckdb"), year: 2027 });
      const draft = await draftPlan(context);
      const broken = checkPlan(context, draft.moves).filter((check) => !check.holds);
      expect(broken.filter((check) => neverGiveWay.includes(check.ruleId))).toEqual([]);
      expect(broken.filter((check) => check.ruleId === "PLAN-NO-REVERSE" && check.schoolId !== "ALL")).toEqual([]);
      const ratioShort = Object.fromEntries(
        broken.filter((check) => check.ruleId === "PLAN-RATIO" && check.schoolId !== "ALL").map((check) => [check.schoolId, check.required! - check.planned!]),
      );
      expect(ratioShort).toEqual(draft.gaveWay.ratio);
      // the sample plants due teachers: the plan is not empty
      expect(draft.moves.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
