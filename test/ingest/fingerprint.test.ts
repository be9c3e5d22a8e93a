/**
 * The input fingerprint (SHA-256 over the record files): the same files give the same fingerprint
 * whatever folder they sit in, one changed byte gives another, and ingest prints the 12 digits
 * that pages and downloads show.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { queryWarehouse, runIngest, tempDir, validFiles, writeFolder } from "./fixtures.ts";

async function load(dir: string): Promise<{ printed: string | undefined; stored: string; perFile: Record<string, string> }> {
  const warehouse = join(tempDir("fp"), "w.duckdb");
  const result = runIngest(dir, warehouse);
  expect(result.status, result.stderr).toBe(0);
  const [info] = await queryWarehouse(warehouse, "select input_fingerprint from load_info");
  const files = await queryWarehouse(warehouse, "select file, sha256 from load_files order by file");
  return {
    printed: /input fingerprint ([0-9a-f]+)/.exec(result.stdout)?.[1],
    stored: String(info!.input_fingerprint),
    perFile: Object.fromEntries(files.map((row) => [String(row.file), String(row.sha256)])),
  };
}

describe("the input fingerprint", () => {
  it("is printed by ingest as the first 12 digits of the stored SHA-256, and is the same for a copy of the folder", async () => {
    const dir = writeFolder(validFiles());
    const copy = tempDir("fp-copy");
    cpSync(dir, copy, { recursive: true });
    const first = await load(dir);
    const second = await load(copy);
    expect(first.stored).toMatch(/^[0-9a-f]{64}$/);
    expect(first.printed).toBe(first.stored.slice(0, 12));
    expect(second.stored).toBe(first.stored);
    expect(first.perFile["staff.csv"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when one byte of one file changes, and only that file's own hash changes", async () => {
    const dir = writeFolder(validFiles());
    const before = await load(dir);
    const staff = join(dir, "staff.csv");
    writeFileSync(staff, readFileSync(staff, "utf8").replace("张三", "张叁"));
    const after = await load(dir);
    expect(after.stored).not.toBe(before.stored);
    expect(after.perFile["staff.csv"]).not.toBe(before.perFile["staff.csv"]);
    expect(after.perFile["schools.csv"]).toBe(before.perFile["schools.csv"]);
  });
});
