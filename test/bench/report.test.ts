import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGnuTime } from "../../bench/measure.ts";
import { checksList, resultsTable, scalingMarkers, scalingTable, targetChecks, withScalingTable, type SizeResult } from "../../bench/report.ts";
import { dependencyClosure, modelTimings, secondsOf } from "../../bench/closure.ts";
import { registeredFiles } from "../../bench/pages.ts";
import { sampleKey } from "../../bench/samples.ts";

const step = (seconds: number, rssMb: number, cpuSeconds: number | null = null) => ({ seconds, peakRssBytes: rssMb * 1e6, cpuSeconds });
const city: SizeResult = {
  staff: 100_000, csvBytes: 81e6, floor: step(2, 300, 3), floorReadSeconds: 1.5, ingest: step(4, 900, 6), models: step(5, 1200, 8), duckdbRulesSeconds: 2,
  arquero: { ...step(30, 3000), loadSeconds: 3, rulesSeconds: 20, nearCells: 0, rows: 50_000 },
  site: { ...step(70, 800), audience: "public", largestPage: "structure.html", largestPageBytes: 1_200_000 }, loadAverage: 1.5,
  plan: { ...step(31, 2100, 33), year: 2027, status: "optimal", gap: 0, solverSeconds: 2.1, columns: 16_296, moves: 4554 },
};

describe("resultsTable", () => {
  it("writes one Markdown row per size, wall time with CPU time beside it", () => {
    const lines = resultsTable([city]).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(
      "| 100,000 | 81 | 1.50 / 2.00 (3.00) | 4.00 (6.00) | 5.00 (8.00) | 9.00 | 6.00× | 4.50× (4.67×) | 300 / 900 / 1200 | 2.00 | 20.0 (3000) | 10.00× | 50,000 identical | 70.0 | 800 | 1200 (structure.html, public) | 31.0 (33.0) | 2.10, optimal, 0.00%, 16,296 | 2100 |",
    );
  });
});

describe("targetChecks", () => {
  it.each([
    ["100,000 staff: ingest + models ≤ 5× the scan floor's read", false, "9 s is 6× the 1.5 s read, though 4.5× the whole floor step"],
    ["100,000 staff: site build ≤ 30 s", false, "70 s"],
    ["100,000 staff: largest page data ≤ 1 MB (public)", false, "1.2 MB"],
    ["100,000 staff: rotation plan ≤ 60 s (gap 0.00%)", true, "31 s"],
  ])("%s → met %s (%s)", (target, met) => {
    expect(targetChecks([city]).find((check) => check.target === target)?.met).toBe(met);
  });
  it("holds a county's plan to 5 s", () => {
    const county = { ...city, staff: 5_000, plan: { ...city.plan!, seconds: 5.5 } };
    expect(targetChecks([county]).find((check) => check.target.includes("rotation plan"))).toMatchObject({ met: false, value: "5.50 s", target: "5,000 staff: rotation plan ≤ 5 s (gap 0.00%)" });
  });
  it("checks the province's targets only when it was run", () => {
    expect(targetChecks([city]).some((check) => check.target.startsWith("1,000,000"))).toBe(false);
    const province = { ...city, staff: 1_000_000, floorReadSeconds: 6, ingest: step(12, 1900), models: step(18, 2100) };
    const checks = targetChecks([province]);
    expect(checks.find((check) => check.target.includes("peak RSS"))).toMatchObject({ met: false, value: "2100 MB" });
    expect(checks.find((check) => check.target.includes("≤ 30 s"))).toMatchObject({ met: true, value: "30.0 s" });
    expect(checks.find((check) => check.target.includes("5× the scan floor"))).toMatchObject({ met: true, value: "5.00× (30.0 s ÷ 6.00 s)" });
    expect(checks.find((check) => check.target.includes("arquero"))).toMatchObject({ met: true, value: "10.00×" });
    expect(checksList(checks)).toContain("❌ missed — 1,000,000 staff: peak RSS ≤ 2 GB (ingest, models): 2100 MB");
  });
});

describe("README scaling table", () => {
  const info = { date: "2026-12-02T17:00:00Z", cores: 2, cpu: "AMD EPYC", memoryGb: 24, node: "20.20.2", commit: "abc1234", seed: 1, asOf: "2026-09-01" };
  it("gives each size's floor, then each step's seconds and peak memory", () => {
    const county = { ...city, staff: 5_000, site: undefined };
    const lines = scalingTable(info, [county, city]).split("\n");
    expect(lines[0]).toBe(scalingMarkers.start);
    expect(lines.at(-1)).toBe(scalingMarkers.end);
    expect(lines).toContain("| 5,000 | 81 MB | 1.50 s | 4.00 s (900 MB) | 5.00 s (1200 MB) | 6.00× | — | 31.0 s (2100 MB) |");
    expect(lines).toContain("| 100,000 | 81 MB | 1.50 s | 4.00 s (900 MB) | 5.00 s (1200 MB) | 6.00× | 70.0 s (800 MB) | 31.0 s (2100 MB) |");
  });
  it("replaces only what lies between the markers, and refuses a README without them", () => {
    const readme = `# Title\n\n${scalingMarkers.start}\nold table\n${scalingMarkers.end}\n\nAfter.\n`;
    expect(withScalingTable(readme, `${scalingMarkers.start}\nnew\n${scalingMarkers.end}`)).toBe(`# Title\n\n${scalingMarkers.start}\nnew\n${scalingMarkers.end}\n\nAfter.\n`);
    expect(() => withScalingTable("# Title\n", "x")).toThrow(/no "<!-- scaling table/);
  });
  it("has its markers in the project README", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(() => withScalingTable(readme, "")).not.toThrow();
  });
});

describe("helpers", () => {
  it("reads GNU time's last line", () => {
    expect(parseGnuTime("Command exited with non-zero status 1\n2048 1.50 0.25\n")).toEqual({ peakRssBytes: 2048 * 1024, cpuSeconds: 1.75 });
    expect(parseGnuTime("garbage")).toEqual({ peakRssBytes: null, cpuSeconds: null });
  });
  it("finds the models a mart needs from the names its SQL mentions, comments ignored", () => {
    const texts = new Map([
      ["stg_a", "select * from raw_a"],
      ["int_b", "select * from stg_a -- not int_c"],
      ["int_c", "select 1"],
      ["mart", "select * from int_b"],
    ]);
    expect([...dependencyClosure(texts, ["mart"])].sort()).toEqual(["int_b", "mart", "stg_a"]);
  });
  it("reads the per-model build times of both log formats and refuses a missing one", () => {
    const timings = modelTimings("  staging/stg_a: built in 12 ms, 3 data tests in 4 ms\n  marts/mart 30 ms\n");
    expect(timings).toEqual(new Map([["stg_a", 12], ["mart", 30]]));
    expect(secondsOf(timings, ["stg_a", "mart"])).toBeCloseTo(0.042);
    expect(() => secondsOf(timings, ["int_b"])).toThrow(/no build time for int_b/);
  });
  it("sums the files a page registers", () => {
    const html = `registerFile("./data/a.json", {"name":"./data/a.json","path":"./_file/data/a.1.json","size":120});
registerFile("./data/b.csv", {"name":"./data/b.csv","path":"./_file/data/b.2.csv","size":30});`;
    expect([...registeredFiles(html).values()]).toEqual([120, 30]);
  });
  it("keys a cached sample by size, seed and generator", () => {
    expect(sampleKey(5000, 1, "abcdef0123456789")).toBe("sample-5000-seed1-abcdef0123");
  });
});

describe("selfTimes", () => {
  it("adds each sample's time to its function and file", async () => {
    const { selfTimes } = await import("../../bench/cpu-profile.ts");
    const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url, lineNumber: 9 } });
    const profile = {
      nodes: [frame(1, "(idle)", ""), frame(2, "parse", "file:///work/main/data-loaders/csv-text.ts")],
      startTime: 0, endTime: 4000, samples: [1, 2, 2], timeDeltas: [1000, 1000, 2000],
    };
    const { byFunction, byFile, totalMs } = selfTimes(profile);
    expect(totalMs).toBe(4);
    expect(byFunction).toEqual([["parse (data-loaders/csv-text.ts:10)", 3], ["(idle) ((native):10)", 1]]);
    expect(byFile[0]).toEqual(["/work/main/data-loaders/csv-text.ts", 3]);
  });
});
