/**
 * Runs one benchmark step as its own child process and measures it from outside: wall time in
 * this process, peak resident memory (RSS) from GNU time when the machine has it. A child of its
 * own per step, so one step's heap and DuckDB buffers never count toward the next one.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StepResult {
  seconds: number;
  /** Peak RSS in bytes of the largest process of the step (GNU time's %M), or the child's VmHWM. */
  peakRssBytes: number | null;
  /** User + system CPU seconds of the step and its children (GNU time), or null without it. On a
   * machine shared with other work, wall time stretches while CPU time mostly does not. */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

export class StepFailed extends Error {
  override name = "StepFailed";
}

const gnuTime = "/usr/bin/time";

export interface StepOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Echo the child's stderr lines as they come, so a long step shows progress. */
  echo?: (line: string) => void;
}

export async function runStep(label: string, command: string, args: readonly string[], options: StepOptions = {}): Promise<StepResult> {
  const dir = await mkdtemp(join(tmpdir(), "cadreboard-bench-"));
  const timeFile = join(dir, "time.txt");
  // GNU time reports the maximum RSS over the child and the descendants it waited for; without it
  // we fall back to sampling the child's own high-water mark (VmHWM) while it runs.
  const useGnuTime = existsSync(gnuTime);
  const [program, programArgs] = useGnuTime
    ? [gnuTime, ["-f", "%M %U %S", "-o", timeFile, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  try {
    const { code, stdout, stderr, sampledHwm } = await spawnCollect(program, programArgs, options);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) {
      throw new StepFailed(`${label} failed (exit ${code}): ${lastLines(stderr || stdout, 15)}`);
    }
    const measured = useGnuTime ? parseGnuTime(await readFile(timeFile, "utf8")) : { peakRssBytes: sampledHwm, cpuSeconds: null };
    return { seconds, ...measured, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** GNU time's "%M %U %S" is on its last line (earlier lines may say "Command exited …"). */
export function parseGnuTime(text: string): { peakRssBytes: number | null; cpuSeconds: number | null } {
  const match = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(text.trim().split("\n").at(-1) ?? "");
  return match ? { peakRssBytes: Number(match[1]) * 1024, cpuSeconds: Number(match[2]) + Number(match[3]) } : { peakRssBytes: null, cpuSeconds: null };
}

function spawnCollect(program: string, args: readonly string[], options: StepOptions) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; sampledHwm: number | null }>((resolvePromise, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let sampledHwm: number | null = null;
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err.push(chunk);
      if (!options.echo) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) options.echo(line);
    });
    const sampler = setInterval(async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, "utf8");
        const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
        if (kb) sampledHwm = Math.max(sampledHwm ?? 0, Number(kb) * 1024);
      } catch {
        // the child has exited between two samples
      }
    }, 100);
    child.on("error", (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(sampler);
      resolvePromise({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), sampledHwm });
    });
  });
}

const lastLines = (text: string, count: number): string => text.trim().split("\n").slice(-count).join("\n");
