/**
 * The long kill run: `npx tsx scripts/kill-loop.ts [seconds] [staff] [seed]` (default 300 s over a
 * 5,000-staff sample). Loads, then repeatedly starts a load and SIGKILLs it after a random delay,
 * checking each time that the warehouse left behind is the old one or a complete new one, that it
 * opens and answers, and at the end that leftovers do not block a normal load.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { random } from "../test/faults/harness.ts";
import { killOnce } from "../test/faults/kill-once.ts";

const [seconds = 300, staff = 5000, seed = 1] = process.argv.slice(2).map(Number);
const root = join(import.meta.dirname, "..");
const folder = mkdtempSync(join(tmpdir(), "cadreboard-kill-"));
const data = join(folder, "data");
const warehouse = join(folder, "w.duckdb");
const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/cadreboard.mjs", ...args], { cwd: root, encoding: "utf8" });
if (cli("sample", "--out", data, "--staff", String(staff)).status !== 0) throw new Error("sample failed");
const started = Date.now();
if (cli("ingest", "--data", data, "--warehouse", warehouse).status !== 0) throw new Error("first load failed");
const loadMs = Date.now() - started;
const sha = () => createHash("sha256").update(readFileSync(warehouse)).digest("hex");
const next = random(seed);
const counts = { "old kept": 0, "new complete": 0 };
const deadline = Date.now() + seconds * 1000;
let kills = 0;
while (Date.now() < deadline) {
  const outcome = await killOnce(data, warehouse, Math.floor(next() * loadMs * 1.1), sha());
  counts[outcome.outcome]++;
  kills++;
}
const last = cli("ingest", "--data", data, "--warehouse", warehouse);
const left = readdirSync(folder).filter((name) => name !== "data" && name !== "w.duckdb");
console.log(`kill loop: ${kills} kills (a load takes ${loadMs} ms), ${counts["old kept"]} kept the old warehouse, ` +
  `${counts["new complete"]} finished first; next load exit ${last.status}; leftovers: ${left.join(", ") || "none"}`);
process.exitCode = last.status === 0 && left.length === 0 ? 0 : 1;
