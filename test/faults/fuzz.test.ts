/** The fuzz loop bounded for `npm test` (FUZZ_SECONDS, default 5); scripts/fuzz.ts runs it longer. */
import { describe, expect, it } from "vitest";
import { budgetSeconds } from "./harness.ts";
import { fuzz } from "./fuzz.ts";

describe("fuzzing the fixture files", () => {
  it("never crashes and never breaks the invariant", async () => {
    const result = await fuzz(Number(process.env.FUZZ_SEED ?? 20240901), budgetSeconds("FUZZ_SECONDS", 5), 5);
    console.log(`fuzz: ${result.iterations} iterations, ${result.exit0} loaded, ${result.exit1} stopped with a message, ${result.failures.length} failures`);
    expect(result.failures).toEqual([]);
    expect(result.exit0 + result.exit1).toBe(result.iterations);
  });
});
