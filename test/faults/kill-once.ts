/** One SIGKILL of a running load and the check of what it left: used by kill.test.ts and scripts/kill-loop.ts. */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { queryWarehouse } from "../ingest/fixtures.ts";
import { checkInvariant } from "./harness.ts";

const root = join(import.meta.dirname, "../..");
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const cli = (args: string[]) => spawn(process.execPath, ["bin/cadreboard.mjs", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TZ: "UTC" } });

export interface KillOutcome {
  killedAt: number;
  outcome: "old kept" | "new complete";
}

/** One kill: start a load over `warehouse`, SIGKILL it after `delayMs`, check what is left. */
export async function killOnce(data: string, warehouse: string, delayMs: number, oldHash: string): Promise<KillOutcome> {
  const child = cli(["ingest", "--data", data, "--warehouse", warehouse]);
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill("SIGKILL");
  await exited;
  const hash = sha256(warehouse);
  // Whatever is there opens and answers, and satisfies the load invariant.
  await checkInvariant(warehouse);
  const [row] = await queryWarehouse(warehouse, "select count(*)::integer as n from raw_staff");
  if (!((row!.n as number) > 0)) throw new Error("warehouse answers but has no staff");
  return { killedAt: delayMs, outcome: hash === oldHash ? "old kept" : "new complete" };
}

