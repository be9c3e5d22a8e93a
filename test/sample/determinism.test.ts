import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_HISTORY_END, writeSampleCounty } from "../../src/sample/index.ts";
import { generateSample } from "./generate.ts";

const names = ["schools", "staff", "appointments", "appraisals", "rotations", "exemptions", "establishments"];
const bytes = (dir: string, name: string) => readFileSync(join(dir, `${name}.csv`));

describe("sample determinism", () => {
  it("writes byte-identical files for the same seed and size, and different ones for another seed", async () => {
    const first = await generateSample({ staff: 800, seed: 7 });
    const again = await generateSample({ staff: 800, seed: 7 });
    const other = await generateSample({ staff: 800, seed: 8 });
    for (const name of names) {
      expect(bytes(again, name).equals(bytes(first, name)), `${name}.csv same seed`).toBe(true);
    }
    // Every file with random content differs under another seed.
    for (const name of ["staff", "appointments", "appraisals", "rotations", "exemptions"]) {
      expect(bytes(other, name).equals(bytes(first, name)), `${name}.csv other seed`).toBe(false);
    }
  });

  it("reports the seven files with their row counts and uses the defaults (3000 staff, seed 1)", async () => {
    const dir = await generateSample();
    const explicit = await generateSample({ staff: 3000, seed: 1 });
    expect(bytes(dir, "staff").equals(bytes(explicit, "staff"))).toBe(true);
    const report = await writeSampleCounty({ outDir: join(dir, "again") });
    expect(report.files.map((f) => f.name).sort()).toEqual([...names].sort());
    for (const file of report.files) {
      const lines = readFileSync(file.path, "utf8").split("\r\n").length - 2; // header and final empty
      expect(file.rows, file.name).toBe(lines);
    }
    const staffRows = report.files.find((f) => f.name === "staff")!.rows;
    expect(staffRows).toBeGreaterThan(2700);
    expect(staffRows).toBeLessThan(3300);
    expect(SAMPLE_HISTORY_END).toBe("2026-09-01");
  });
});
