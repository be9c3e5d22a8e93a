/**
 * The warehouse is replaced only by a load that succeeded: a load failing half-way leaves the old
 * file byte-identical, and a lock file keeps two loads from writing at once.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ingestInProcess } from "../faults/harness.ts";
import { queryWarehouse, runIngest, tempDir, validFiles, writeFolder } from "./fixtures.ts";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

let folder: string;
let warehouse: string;
// The warehouse the loads under test replace: loaded in this process, as only the second load is what a test is about.
beforeEach(async () => {
  folder = tempDir("swap");
  warehouse = join(folder, "county.duckdb");
  const first = await ingestInProcess(writeFolder(validFiles()), warehouse);
  expect(first.status).toBe(0);
});

describe("atomic replacement", () => {
  it("a load failing half-way (after four files loaded) leaves the old warehouse byte-identical", () => {
    const before = sha256(warehouse);
    const files = validFiles();
    files.rotations = files.rotations!.map((row) => row.slice(1)); // no staff_id column: fails on the fifth file
    files.staff = [...files.staff!, ["T9", "新人", "", "男", "1990-01-01", "本科", "二级", "", "2012-09-01", "", "", "", "在编"]];
    const result = runIngest(writeFolder(files), warehouse);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/rotations\.csv.*staff_id/s);
    expect(result.stdout).toContain("appraisals.csv: read"); // it did get half-way
    expect(sha256(warehouse)).toBe(before);
    expect(readdirSync(folder).sort()).toEqual(["county.duckdb"]);
  });

  it("a successful load replaces the warehouse with the new data", async () => {
    const files = validFiles();
    files.staff = [...files.staff!, ["T9", "新人", "", "男", "1990-01-01", "本科", "二级", "", "2012-09-01", "", "", "", "在编"]];
    expect(runIngest(writeFolder(files), warehouse).status).toBe(0);
    expect(await queryWarehouse(warehouse, `select count(*)::integer as n from raw_staff`)).toEqual([{ n: 3 }]);
    expect(readdirSync(folder).sort()).toEqual(["county.duckdb"]);
  });

  it("a second load while one holds the lock fails with a clear message and changes nothing", () => {
    const before = sha256(warehouse);
    const lock = `${warehouse}.lock`;
    // This test process is alive: its lock is not stale.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: "2024-01-01T00:00:00Z" }));
    const result = runIngest(writeFolder(validFiles()), warehouse);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/另一个导入正在进行/);
    expect(result.stderr).toContain(String(process.pid));
    expect(sha256(warehouse)).toBe(before);
    expect(existsSync(lock)).toBe(true); // not ours to remove
  });

  it("a stale lock left by a dead process is taken over", () => {
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(`${warehouse}.lock`, JSON.stringify({ pid: dead, host: hostname(), startedAt: "2024-01-01T00:00:00Z" }));
    const result = runIngest(writeFolder(validFiles()), warehouse);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(existsSync(`${warehouse}.lock`)).toBe(false);
  });
});
