/**
 * One site build at a time per checkout: builds share Framework's loader cache under
 * reports/.observablehq/cache and the marts file, so two at once (a test run and `npm run build`)
 * would mix one audience's data into another's site. The lock is a directory holding the owner's
 * pid; a lock whose process has gone is taken over.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function withBuildLock<T>(dir: string, log: (line: string) => void, work: () => Promise<T>, timeoutMs = 20 * 60_000): Promise<T> {
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(join(dir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await readFile(join(dir, "pid"), "utf8").catch(() => "0"));
      if (owner > 0 && !alive(owner)) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`site build: another build (pid ${owner}) holds ${dir}. Wait for it, or remove the folder if no build is running.`);
      if (!announced) log(`site: waiting for another site build (pid ${owner}) to finish`);
      announced = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
