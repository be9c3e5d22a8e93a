import { describe, expect, it } from "vitest";
import { person, policyWith, post, query, type Row } from "./given.ts";

const asOf = "2026-09-01";
const appraisal = (parts: Row): Row => ({ staff_id: "P1", year: 2025, grade: "competent", ...parts });
const checks = (row: Row, policy?: unknown) =>
  query({ staff: [person("P1")], appointments: [post("P1", "S1", "2010-09-01")], appraisals: [row] }, asOf,
    `select school_id, "column", "value", maximum, problem, explanation from appraisal_score_checks order by "column", problem`, policy ? { policy } : {});

describe("appraisal_score_checks (PAY-SCORE: 职业态度50, 职业能力50, 履行职责600, 工作实绩300, together the score)", () => {
  it.each([
    [{ score: 1000, attitude: 50, ability: 50, duties: 600, results: 300 }, [], "every part at its maximum, summing to 1000"],
    [{ score: 851, attitude: 51, ability: 50, duties: 450, results: 300 }, [["attitude", 51, 50, "above_maximum"]], "职业态度 51 > 50"],
    [{ score: 900, attitude: 50, ability: 50, duties: 500, results: 301 }, [["results", 301, 300, "above_maximum"], ["score", 900, 901, "parts_do_not_sum"]],
      "工作实绩 301 > 300, and the parts add up to 901"],
    [{ score: 1001 }, [["score", 1001, 1000, "above_maximum"]], "a total above the four maxima together"],
    [{ score: 800, attitude: 40, ability: 40, duties: 500 }, [["score", 800, 580, "parts_do_not_sum"]], "a blank part counts as 0 once any part is given"],
    [{ score: 800, attitude: 40, ability: 40, duties: 500, results: 220.0004 }, [], "a difference under a thousandth is rounding"],
    [{ score: 800 }, [], "only a total: nothing to add up"],
  ])("%j → %j (%s)", async (parts, expected, _why) => {
    const rows = await checks(appraisal(parts));
    expect(rows.map((row) => [row.column, row.value, row.maximum, row.problem])).toEqual(expected);
  });

  it("explains in the contract's words and names the school held on 31 December", async () => {
    const rows = await checks(appraisal({ score: 851, attitude: 51, ability: 50, duties: 450, results: 300 }));
    expect(rows).toEqual([{ school_id: "S1", column: "attitude", value: 51, maximum: 50, problem: "above_maximum", explanation: "2025年度考核「职业态度」51分，超过满分50分（PAY-SCORE）" }]);
  });

  it("the maxima come from the policy: raising 职业态度 to 60 clears a 51", async () => {
    const policy = policyWith((rules) => { rules["PAY-SCORE"]!.max_attitude = 60; });
    expect(await checks(appraisal({ score: 851, attitude: 51, ability: 50, duties: 450, results: 300 }), policy)).toEqual([]);
  });
});
