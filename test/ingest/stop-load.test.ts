/**
 * Input problems that stop the load (exit 1) with a message naming the file, row and column,
 * and leave no warehouse behind.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runIngest, tempDir, validFiles, writeFolder } from "./fixtures.ts";

const without = (name: string) => Object.fromEntries(Object.entries(validFiles()).filter(([file]) => file !== name));
const dropColumn = (name: string, column: string) => {
  const files = validFiles();
  const rows = files[name]!;
  const index = rows[0]!.indexOf(column);
  files[name] = rows.map((row) => row.filter((_, i) => i !== index));
  return files;
};

describe("a load that stops", () => {
  it.each([
    ["a required file is missing", () => writeFolder(without("rotations")), [/rotations\.csv/, /rotations\.xlsx/, /交流轮岗记录/]],
    ["a required column is missing", () => writeFolder(dropColumn("staff", "employment")), [/staff\.csv/, /employment/, /用工性质/, /第 1 行/]],
    ["a required column is missing in a later file", () => writeFolder(dropColumn("appraisals", "grade")), [/appraisals\.csv/, /grade/, /考核等次/]],
    [
      "both NAME.csv and NAME.xlsx are present",
      () => {
        const dir = writeFolder(validFiles());
        writeFileSync(join(dir, "staff.xlsx"), "");
        return dir;
      },
      [/staff\.csv/, /staff\.xlsx/],
    ],
    [
      "an XLSX file is not a workbook",
      () => {
        const dir = writeFolder(without("appraisals"));
        writeFileSync(join(dir, "appraisals.xlsx"), "this is not a zip file");
        return dir;
      },
      [/appraisals\.xlsx/, /无法读取/],
    ],
    ["the data folder does not exist", () => join(tempDir("none"), "missing"), [/missing/, /--data/]],
  ])("%s: exit 1 and a message naming it", (_why, makeDir, patterns) => {
    const warehouse = join(tempDir("stop"), "w.duckdb");
    const result = runIngest(makeDir(), warehouse);
    expect(result.status).toBe(1);
    for (const pattern of patterns) expect(result.stderr).toMatch(pattern);
    expect(existsSync(warehouse)).toBe(false);
    expect(readdirSync(dirname(warehouse))).toEqual([]); // no temporary database or lock left behind
  });
});
