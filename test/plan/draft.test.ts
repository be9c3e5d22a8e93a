/**
 * The drafter on hand-made counties whose best plan is known, and on counties where a
 * requirement cannot be met: the right one gives way, by as little as the records allow.
 */
import { describe, expect, it } from "vitest";
import { draftPlan, shareOut } from "../../src/plan/draft.ts";
import { county, leader, school, teacher } from "./hand-made.ts";

const movesOf = async (context: Parameters<typeof draftPlan>[0]) => {
  const result = await draftPlan(context);
  expect(result.solver.status).toBe("optimal");
  return result;
};
const pairs = (moves: { staffId: string; toSchoolId: string }[]) => moves.map((move) => `${move.staffId}→${move.toSchoolId}`).sort();

describe("drafting a plan with a known best answer", () => {
  it("sends the two longest-serving of a school's due teachers to the school in their own district", async () => {
    const context = county(
      [
        school("A", { tier: "strong", requiredSends: 2, eligibleTeachers: 4 }),
        school("B", { tier: "weak", freePlaces: 2 }),
        school("C", { district: "西片", freePlaces: 5 }),
      ],
      [teacher("a1", "A", 12), teacher("a2", "A", 11), teacher("a3", "A", 10), teacher("a4", "A", 9.5)],
    );
    const { moves, unplaced } = await movesOf(context);
    // in-district B before C; only as many as required; a1 and a2 have served longest
    expect(pairs(moves)).toEqual(["a1→B", "a2→B"]);
    expect(unplaced).toEqual([]);
  });

  it("sends a strong school's backbone teacher to the weak school, so backbone teachers are a fifth of those sent", async () => {
    const context = county(
      [
        school("A", { tier: "strong", requiredSends: 2, eligibleTeachers: 3 }),
        school("B", { tier: "weak", freePlaces: 3 }),
        school("C", { tier: "general", freePlaces: 3 }),
      ],
      [teacher("a1", "A", 15), teacher("a2", "A", 14), teacher("b1", "A", 9, { backbone: true })],
    );
    const { moves } = await movesOf(context);
    // 2 sent: a fifth is 0.4, so one backbone teacher (PLAN-BACKBONE), who goes to the weak school;
    // of the two ordinary teachers the longer-serving goes
    expect(pairs(moves)).toEqual(["a1→B", "b1→B"].sort());
  });

  it("sends nobody from a school without a quota that nobody can send to (it receives what it sends)", async () => {
    const context = county(
      [school("A", { requiredSends: 1, staffQuota: null, freePlaces: null }), school("B", { freePlaces: 5 })],
      [teacher("a1", "A", 10)],
    );
    const { moves, gaveWay } = await movesOf(context);
    expect(moves).toEqual([]);
    expect(gaveWay.ratio).toEqual({ A: 1 });
  });

  it("swaps two schools without quotas: each receives exactly what it sends and nobody their own school", async () => {
    const context = county(
      [
        school("A", { requiredSends: 1, staffQuota: null, freePlaces: null }),
        school("B", { requiredSends: 1, staffQuota: null, freePlaces: null }),
      ],
      [teacher("a1", "A", 10), teacher("b1", "B", 10)],
    );
    const { moves } = await movesOf(context);
    expect(pairs(moves)).toEqual(["a1→B", "b1→A"]);
  });

  it("sends ⌈15 %⌉ of the county's eligible leaders, those who served longest", async () => {
    const schools = ["A", "B", "C", "D", "E", "F", "G"].map((id) => school(id, { freePlaces: 1 }));
    const leaders = schools.map((entry, i) => leader(`p${i}`, entry.schoolId, 9 + i));
    const { moves } = await movesOf(county(schools, leaders));
    // 7 × 3/20 = 1.05 → 2; p6 and p5 have served longest
    expect(moves.map((move) => move.staffId).sort()).toEqual(["p5", "p6"]);
  });

  it("sends each school of a class the subject it is short of (per quota, against the county)", async () => {
    const notDue = { due: false, mayMove: false } as const;
    const context = county(
      [school("A", { requiredSends: 2 }), school("B", { freePlaces: 1 }), school("C", { freePlaces: 1 })],
      [
        teacher("a1", "A", 12, { subject: "语文" }),
        teacher("a2", "A", 11, { subject: "数学" }),
        teacher("b1", "B", 3, { subject: "语文", ...notDue }),
        teacher("b2", "B", 3, { subject: "语文", ...notDue }),
        teacher("c1", "C", 3, { subject: "数学", ...notDue }),
        teacher("c2", "C", 3, { subject: "数学", ...notDue }),
      ],
    );
    const { moves } = await movesOf(context);
    // B has no 数学 teacher, C no 语文 teacher (B, first in code order, would otherwise get a1)
    expect(pairs(moves)).toEqual(["a1→C", "a2→B"]);
  });

  it("lets the office head rotate first and keeps the deputy back (002 篇十二)", async () => {
    const context = county(
      [school("A")],
      [
        teacher("h", "A", 5, { postGroup: "middle", post: "middle_head", department: "教务处", officeRole: "head", mayMove: false, due: false, postRotationDue: true }),
        teacher("d", "A", 5, { postGroup: "middle", post: "middle_deputy", department: "教务处", officeRole: "deputy", mayMove: false, due: false, postRotationDue: true }),
      ],
    );
    const { moves, unplaced } = await movesOf(context);
    expect(moves).toEqual([{ staffId: "h", fromSchoolId: "A", toSchoolId: "A", kind: "post_rotation" }]);
    expect(unplaced).toEqual([{ staffId: "d", fromSchoolId: "A", reasonRuleId: "PLAN-HEAD-FIRST", headStaffId: "h" }]);
  });

  it("never proposes anyone who may not move, and lists the barred as not placeable", async () => {
    const context = county(
      [school("A", { requiredSends: 1 }), school("B", { freePlaces: 5 })],
      [
        teacher("x", "A", 20, { barred: true, failedAppraisalYear: 2025 }),
        teacher("e", "A", 19, { mayMove: false, exempt: true, ruleId: "ROT-EXEMPT" }),
        teacher("s", "A", 18, { mayMove: false, serving: true, servingUntil: "2028-08-31" }),
        teacher("ok", "A", 9),
      ],
    );
    const { moves, unplaced } = await movesOf(context);
    expect(pairs(moves)).toEqual(["ok→B"]);
    expect(unplaced).toEqual([{ staffId: "x", fromSchoolId: "A", reasonRuleId: "PLAN-BAR" }]);
  });

  it("never sends a backbone teacher from a general school to a strong one", async () => {
    const context = county(
      [school("A", { requiredSends: 1 }), school("S", { tier: "strong", freePlaces: 5 })],
      [teacher("b", "A", 12, { backbone: true })],
    );
    const { moves, unplaced } = await movesOf(context);
    expect(moves).toEqual([]);
    expect(unplaced.map((entry) => entry.staffId)).toEqual(["b"]);
  });
});

describe("when the records cannot meet every requirement", () => {
  it("gives way on a school's ratio by the places missing, and lists who could not be placed", async () => {
    const context = county(
      [
        school("A", { requiredSends: 3 }),
        school("B", { freePlaces: 1 }),
      ],
      [teacher("a1", "A", 12), teacher("a2", "A", 11), teacher("a3", "A", 10)],
    );
    const { moves, unplaced, gaveWay } = await movesOf(context);
    expect(gaveWay.ratio).toEqual({ A: 2 });
    // B has one free place and sends nobody: one move, two short
    expect(pairs(moves)).toEqual(["a1→B"]);
    expect(unplaced).toEqual([
      { staffId: "a2", fromSchoolId: "A", reasonRuleId: "PLAN-QUOTA" },
      { staffId: "a3", fromSchoolId: "A", reasonRuleId: "PLAN-QUOTA" },
    ]);
  });

  it("says PLAN-LEVEL when no school of the same stage exists", async () => {
    const context = county(
      [school("K", { level: "kindergarten", requiredSends: 1 }), school("P", { freePlaces: 9 })],
      [teacher("k1", "K", 10)],
    );
    const { moves, unplaced } = await movesOf(context);
    expect(moves).toEqual([]);
    expect(unplaced).toEqual([{ staffId: "k1", fromSchoolId: "K", reasonRuleId: "PLAN-LEVEL" }]);
  });

  it("gives way on the backbone share, not on a school's ratio, when too few backbone teachers are eligible", async () => {
    const context = county(
      [school("A", { requiredSends: 5 }), school("B", { freePlaces: 9 })],
      ["a1", "a2", "a3", "a4", "a5"].map((id, i) => teacher(id, "A", 10 + i)),
    );
    const { moves, gaveWay } = await movesOf(context);
    expect(moves).toHaveLength(5);
    // five sent need one backbone teacher (5 × 1/5); there is none to send
    // (no strong school: the strong-to-other flow does not apply)
    expect(gaveWay).toEqual({ ratio: {}, leaders: 0, backbone: 1, reverse: false });
  });
});

describe("shareOut", () => {
  it("places every arrival, nobody at their own school, each school its count", () => {
    const people = [teacher("a1", "A", 1), teacher("a2", "A", 1), teacher("b1", "B", 1), teacher("c1", "C", 1)];
    const placed = shareOut(people, new Map([["A", 2], ["B", 1], ["C", 1]]));
    expect(placed).toHaveLength(4);
    for (const { person, toSchoolId } of placed) expect(toSchoolId).not.toBe(person.schoolId);
    const received = new Map<string, number>();
    for (const { toSchoolId } of placed) received.set(toSchoolId, (received.get(toSchoolId) ?? 0) + 1);
    expect(Object.fromEntries(received)).toEqual({ A: 2, B: 1, C: 1 });
  });
});
