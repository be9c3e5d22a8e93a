/**
 * DuckDB's memory limit (CADREBOARD_MEMORY_LIMIT): a load or a model that reaches it stops with a
 * message naming the setting, not as an unreadable file, and the warehouse a good load wrote is
 * left as it was.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runIngest, tempDir, validFiles, writeFolder } from "./fixtures.ts";

const cli = (args: string[], limit: string) =>
  spawnSync(process.execPath, ["bin/cadreboard.mjs", ...args], {
    cwd: join(import.meta.dirname, "../.."),
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC", CADREBOARD_MEMORY_LIMIT: limit },
  });

it("a load over the limit names CADREBOARD_MEMORY_LIMIT, exits 1 and keeps the warehouse", () => {
  const data = writeFolder(validFiles());
  const warehouse = join(tempDir("memory"), "w.duckdb");
  expect(runIngest(data, warehouse).status).toBe(0);
  const before = readFileSync(warehouse);
  const starved = cli(["ingest", "--data", data, "--warehouse", warehouse], "2MB");
  expect(starved.status).toBe(1);
  expect(starved.stderr).toContain("CADREBOARD_MEMORY_LIMIT=2MB");
  expect(starved.stderr).not.toContain("unreadable CSV");
  expect(readFileSync(warehouse).equals(before)).toBe(true);
});

it("models over the limit name the setting too", () => {
  const warehouse = join(tempDir("memory"), "w.duckdb");
  expect(runIngest(writeFolder(validFiles()), warehouse).status).toBe(0);
  const starved = cli(["models", "--warehouse", warehouse, "--as-of", "2026-09-01", "--out", tempDir("memory-out")], "8MB");
  expect(starved.status).toBe(1);
  expect(starved.stderr).toContain("CADREBOARD_MEMORY_LIMIT=8MB");
});
