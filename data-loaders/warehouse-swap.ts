/**
 * All-or-nothing replacement of the warehouse file. A load builds a new database in a temporary
 * file beside the target and renames it over the target only when everything succeeded, so a
 * failed load leaves the old warehouse byte-identical. A lock file beside the warehouse keeps two
 * loads from writing at once; a lock left by a process that no longer runs is taken over.
 */
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { link, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";

/** Another load holds the warehouse: exit 1, with what to do. */
export class WarehouseLockedError extends Error {
  override name = "WarehouseLockedError";
}

/** The warehouse folder cannot be written (disk full, read-only, no permission): exit 1. */
export class WarehouseWriteError extends Error {
  override name = "WarehouseWriteError";
}

const WRITE_PROBLEMS: Record<string, string> = {
  ENOSPC: "磁盘空间不足 (disk full)",
  EDQUOT: "磁盘配额已用完 (disk quota exceeded)",
  EROFS: "所在磁盘是只读的 (read-only file system)",
  EACCES: "没有写入权限 (permission denied)",
  EPERM: "没有写入权限 (operation not permitted)",
  ENOTDIR: "路径中有一段是文件而不是文件夹 (not a directory)",
  // mkdir -p over a path whose folder part is a file says EEXIST.
  EEXIST: "路径中有一段是文件而不是文件夹 (not a directory)",
  ENOENT: "文件夹不存在 (no such directory)",
};

/** Errno code of a Node error, or the one DuckDB names in its message text. */
function writeProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && WRITE_PROBLEMS[code]) return WRITE_PROBLEMS[code];
  const message = String((error as Error | undefined)?.message ?? "");
  if (/No space left on device|ENOSPC/i.test(message)) return WRITE_PROBLEMS.ENOSPC;
  if (/Read-only file system|EROFS/i.test(message)) return WRITE_PROBLEMS.EROFS;
  if (/Permission denied|EACCES/i.test(message)) return WRITE_PROBLEMS.EACCES;
  return undefined;
}

/** Rewrites a failure to write the warehouse folder as a clear error; other errors pass through. */
export function asWriteError(error: unknown, warehouse: string): unknown {
  const problem = writeProblem(error);
  if (!problem || error instanceof WarehouseWriteError) return error;
  return new WarehouseWriteError(
    `无法写入数据仓库 ${warehouse}：${problem}。原有的数据仓库没有改动。` +
      `请清理磁盘空间或换一个可写的位置（--warehouse）后重新导入 (file ${warehouse}: ${(error as Error).message.split("\n")[0]})`,
  );
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
  // The lock is written whole beside it, then linked into place (link fails if the lock exists):
  // a load killed at any moment never leaves an empty lock that blocks the next one.
  const draft = `${lockPath}.${process.pid}.draft`;
  await writeFile(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, lockPath);
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
  } finally {
    await rm(draft, { force: true });
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
/** Temporary files (`w.duckdb.<pid>.tmp`, `.wal`, lock drafts) of loads that died: called under the lock. */
async function removeLeftovers(warehouse: string): Promise<void> {
  const prefix = `${basename(warehouse)}.`;
  const pattern = /^(?:(\d+)\.tmp(?:\.wal)?|lock\.(\d+)\.draft)$/;
  for (const entry of await readdir(dirname(warehouse))) {
    if (!entry.startsWith(prefix)) continue;
    const match = pattern.exec(entry.slice(prefix.length));
    const pid = Number(match?.[1] ?? match?.[2]);
    if (match && pid !== process.pid && !isRunning(pid)) await rm(join(dirname(warehouse), entry), { force: true });
  }
}

/** Makes a rename durable: without it a power cut right after could bring back the old name. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems (network drives) cannot sync a folder: the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Runs `build` against a temporary database path under the warehouse lock; `build` must close the
 * database before it returns. Only then is the temporary file renamed over the warehouse.
 */
export async function replaceWarehouse<T>(warehouse: string, build: (tempPath: string) => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await acquireLock(warehouse);
  } catch (error) {
    throw asWriteError(error, warehouse);
  }
  const tempPath = `${warehouse}.${process.pid}.tmp`;
  const removeTemp = () => Promise.all([rm(tempPath, { force: true }), rm(`${tempPath}.wal`, { force: true })]);
  try {
    await removeLeftovers(warehouse);
    await removeTemp();
    const result = await build(tempPath);
    // Everything must be in the main file before it moves: a log left beside it would be lost.
    if (await stat(`${tempPath}.wal`).then(() => true, () => false)) {
      throw new Error(`the new warehouse ${tempPath} still has a write-ahead log after closing: not replacing ${warehouse}`);
    }
    const handle = await open(tempPath, "r+");
    await handle.sync().finally(() => handle.close());
    // A write-ahead log left beside the old warehouse would be replayed into the new file.
    await rm(`${warehouse}.wal`, { force: true });
    await rename(tempPath, warehouse);
    await syncFolder(dirname(warehouse));
    return result;
  } catch (error) {
    await removeTemp().catch(() => undefined);
    throw asWriteError(error, warehouse);
  } finally {
    await release().catch(() => undefined);
  }
}
