import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../src/cli.ts";
import { todayInChina } from "../src/today.ts";
import { UsageError } from "../src/errors.ts";

describe("parseCommand", () => {
  it.each([
    [["sample", "--out", "d"], { kind: "sample", outDir: "d", staff: undefined, seed: undefined }],
    [["sample", "--out", "d", "--staff", "100000", "--seed", "7"], { kind: "sample", outDir: "d", staff: 100000, seed: 7 }],
    [["ingest", "--data", "in"], { kind: "ingest", dataDir: "in", warehouse: "cadreboard.duckdb" }],
    [["ingest", "--data", "in", "--warehouse", "w.duckdb"], { kind: "ingest", dataDir: "in", warehouse: "w.duckdb" }],
    [
      ["models", "--warehouse", "w", "--as-of", "2026-09-01", "--out", "o"],
      { kind: "models", warehouse: "w", asOf: "2026-09-01", outDir: "o", policyPath: undefined, horizonMonths: undefined },
    ],
    [
      ["models", "--warehouse", "w", "--as-of", "2024-02-29", "--out", "o", "--policy", "p.yaml", "--horizon-months", "12"],
      { kind: "models", warehouse: "w", asOf: "2024-02-29", outDir: "o", policyPath: "p.yaml", horizonMonths: 12 },
    ],
    [
      ["models", "--warehouse", "w", "--out", "o"],
      { kind: "models", warehouse: "w", asOf: undefined, outDir: "o", policyPath: undefined, horizonMonths: undefined },
    ],
    [[], { kind: "help" }],
    [["--help"], { kind: "help" }],
  ])("%j parses", (argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["sample"], /needs --out/],
    [["sample", "--out", "d", "--staff", "0"], /--staff must be a whole number ≥ 1/],
    [["sample", "--out", "d", "--staff", "1e3"], /--staff must be a whole number/],
    [["ingest"], /needs --data/],
    [["ingest", "--data", "d", "--as-of", "2026-01-01"], /"ingest" takes no --as-of/],
    [["models", "--warehouse", "w", "--as-of", "2023-02-29", "--out", "o"], /--as-of must be a date/],
    [["models", "--warehouse", "w", "--as-of", "2023/02/01", "--out", "o"], /--as-of must be a date/],
    [["sample", "--out", "d", "--bogus"], /Unknown option '--bogus'/],
    [["sample", "--out", "d", "extra"], /unexpected argument "extra"/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe("todayInChina", () => {
  it.each([
    ["2026-11-22T15:59:59Z", "2026-11-22"],
    ["2026-11-22T16:00:00Z", "2026-11-23"],
  ])("%s UTC is %s in Beijing", (instant, day) => {
    expect(todayInChina(new Date(instant))).toBe(day);
  });
});

describe("the cadreboard bin", () => {
  it("exits 2 with the usage on a bad command line", () => {
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "nonsense"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "nonsense"');
    expect(result.stderr).toContain("cadreboard ingest --data DIR");
  });

  it("prints the usage and exits 0 for help", () => {
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("cadreboard models --warehouse FILE --as-of DATE --out DIR");
  });
});
