/**
 * All-or-nothing replacement of the warehouse file. A load builds a new database in a temporary
 * file beside the target and renames it over the target only when everything succeeded, so a
 * failed load leaves the old warehouse byte-identical. A lock file beside the warehouse keeps two
 * loads from writing at once; a lock left by a process that no longer runs is taken over.
 */
import { hostname } from "node:os";
import { open, readFile, rename, rm, stat } from "node:fs/promises";

/** Another load holds the warehouse: exit 1, with what to do. */
export class WarehouseLockedError extends Error {
  override name = "WarehouseLockedError";
}

interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** A lock file still being written by its owner looks empty for a moment: give it this long. */
const FRESH_LOCK_MS = 30_000;

const lockPathOf = (warehouse: string): string => `${warehouse}.lock`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(lockPath, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  const holder = await readHolder(lockPath);
  if (!holder) {
    const age = Date.now() - (await stat(lockPath).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
    return age > FRESH_LOCK_MS;
  }
  // On another machine (a shared drive) we cannot see the process: never take that lock over.
  return holder.host === hostname() && !isRunning(holder.pid);
}

export async function acquireLock(warehouse: string): Promise<() => Promise<void>> {
  const lockPath = lockPathOf(warehouse);
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return async () => {
        const holder = await readHolder(lockPath);
        if (holder?.pid === me.pid && holder.host === me.host) await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!(await isStale(lockPath))) break;
      await rm(lockPath, { force: true }); // left behind by a load that died
    }
  }
  const holder = await readHolder(lockPath);
  throw new WarehouseLockedError(
    `无法写入数据仓库 ${warehouse}：另一个导入正在进行（进程 ${holder?.pid ?? "?"}，${holder?.host ?? "?"}，开始于 ${holder?.startedAt ?? "?"}）。` +
      `请等它结束后再导入；如果确定没有导入在运行，删除 ${lockPath} 后重试 (file ${warehouse}: locked by another load)`,
  );
}

/**
 * Runs `build` against a temporary database path under the warehouse lock; `build` must close the
 * database before it returns. Only then is the temporary file renamed over the warehouse.
 */
export async function replaceWarehouse<T>(warehouse: string, build: (tempPath: string) => Promise<T>): Promise<T> {
  const release = await acquireLock(warehouse);
  const tempPath = `${warehouse}.${process.pid}.tmp`;
  const removeTemp = () => Promise.all([rm(tempPath, { force: true }), rm(`${tempPath}.wal`, { force: true })]);
  try {
    await removeTemp();
    const result = await build(tempPath);
    // Everything must be in the main file before it moves: a log left beside it would be lost.
    if (await stat(`${tempPath}.wal`).then(() => true, () => false)) {
      throw new Error(`the new warehouse ${tempPath} still has a write-ahead log after closing: not replacing ${warehouse}`);
    }
    // A write-ahead log left beside the old warehouse would be replayed into the new file.
    await rm(`${warehouse}.wal`, { force: true });
    await rename(tempPath, warehouse);
    return result;
  } catch (error) {
    await removeTemp();
    throw error;
  } finally {
    await release();
  }
}
