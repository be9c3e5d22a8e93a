/**
 * Faults around the warehouse file: a load killed with SIGKILL at a random moment, two loads at
 * once, a full disk and a read-only target. The old warehouse must stay byte-identical (or be
 * replaced whole by a load that finished), open, and answer; leftovers must not block the next load.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { queryWarehouse, runIngest, tempDir, validFiles, writeFolder } from "../ingest/fixtures.ts";
import { budgetSeconds, checkInvariant, random } from "./harness.ts";
import { killOnce, type KillOutcome } from "./kill-once.ts";

const root = join(import.meta.dirname, "../..");
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const cli = (args: string[]) => spawn(process.execPath, ["bin/cadreboard.mjs", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });

let data: string;
beforeAll(() => {
  data = tempDir("kill-data");
  const sample = spawnSync(process.execPath, ["bin/cadreboard.mjs", "sample", "--out", data, "--staff", "2000"], { cwd: root, encoding: "utf8" });
  expect(sample.status).toBe(0);
});

describe("a load killed with SIGKILL", () => {
  it("always leaves the previous warehouse intact and usable, and the next load works", async () => {
    const folder = tempDir("kill");
    const warehouse = join(folder, "w.duckdb");
    expect(runIngest(data, warehouse).status).toBe(0);
    const next = random(Number(process.env.KILL_SEED ?? 1));
    const deadline = Date.now() + budgetSeconds("KILL_SECONDS", 8) * 1000;
    const outcomes: KillOutcome[] = [];
    let oldHash = sha256(warehouse);
    while (Date.now() < deadline || outcomes.length < 3) {
      const outcome = await killOnce(data, warehouse, Math.floor(next() * 1500), oldHash);
      outcomes.push(outcome);
      oldHash = sha256(warehouse);
    }
    // Leftover temporary files or locks of the killed loads do not block the next one, and are cleaned up.
    const last = runIngest(data, warehouse);
    expect(last.stderr).toBe("");
    expect(last.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(["w.duckdb"]);
    console.log(`kill loop: ${outcomes.length} kills, ${outcomes.filter((o) => o.outcome === "old kept").length} kept the old warehouse, ` +
      `${outcomes.filter((o) => o.outcome === "new complete").length} finished first`);
  });
});

describe("two loads at once", () => {
  it("one loads, the other loads after it or fails clearly; the warehouse is whole", async () => {
    const warehouse = join(tempDir("twice"), "w.duckdb");
    const run = (dir: string) =>
      new Promise<{ status: number | null; err: string }>((resolve) => {
        const child = cli(["ingest", "--data", dir, "--warehouse", warehouse]);
        let err = "";
        child.stderr.on("data", (chunk) => (err += chunk));
        child.on("exit", (status) => resolve({ status, err }));
      });
    const results = await Promise.all([run(data), run(writeFolder(validFiles()))]);
    expect(results.some((result) => result.status === 0)).toBe(true);
    for (const result of results) {
      if (result.status !== 0) {
        expect(result.status).toBe(1);
        expect(result.err).toMatch(/另一个导入正在进行.*请等它结束后再导入/s);
      }
    }
    await checkInvariant(warehouse);
  });
});

describe("a target that cannot be written", () => {
  it("a full disk gives a clear error and keeps the old warehouse (a small tmpfs, needs root)", async () => {
    const mountPoint = tempDir("full");
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint]);
    expect(mounted.status, `mount a tmpfs (root needed): ${mounted.stderr}`).toBe(0);
    try {
      const warehouse = join(mountPoint, "w.duckdb");
      expect(runIngest(writeFolder(validFiles()), warehouse).status).toBe(0);
      const before = sha256(warehouse);
      // Fill the disk but for 256 kB: the next load's new database cannot be written.
      const { bavail, bsize } = statfsSync(mountPoint);
      writeFileSync(join(mountPoint, "filler"), Buffer.alloc(Math.max(0, bavail * bsize - 256 * 1024)));
      const result = runIngest(data, warehouse);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/无法写入数据仓库 .*w\.duckdb：磁盘空间不足 \(disk full\)。原有的数据仓库没有改动/);
      expect(sha256(warehouse)).toBe(before);
      expect(readdirSync(mountPoint).sort()).toEqual(["filler", "w.duckdb"]);
    } finally {
      spawnSync("umount", [mountPoint]);
    }
  });

  it.each([
    ["a read-only file system (/sys)", "/sys/cadreboard/w.duckdb", /无法写入数据仓库 .*(只读|没有写入权限)/],
    ["a file where a folder must be", "FILE/w.duckdb", /无法写入数据仓库 .*(不是文件夹|not a directory)/],
  ])("%s gives a clear error", (_why, target, pattern) => {
    const dir = tempDir("ro");
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    mkdirSync(join(dir, "unused"));
    const result = runIngest(writeFolder(validFiles()), target.replace("FILE", file));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(pattern);
  });
});
