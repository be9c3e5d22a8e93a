/**
 * Results that several pages' data loaders need, computed once per site build. 总览 and 年度总结
 * publish 干部结构's counts as that page suppressed them (and 年度总结 交流轮岗's rounds), and at
 * a city's size the suppression is most of each of those loaders' time. The build runs the
 * loaders side by side (loaders-ahead.ts), and Framework runs each as a process of its own, so
 * they share through files: the first to need a result computes it and writes it into the
 * build's folder while the others wait for it, then read it.
 *
 * The folder is the build's own: buildSite empties it before the loaders run and removes it after,
 * as it clears Framework's loader cache, so no build reads what another computed (a public build
 * never a bureau build's counts); a result's file is named after its audience too. A loader run
 * by hand, without the folder, computes the result itself.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { audienceText, type Audience } from "./audience.ts";
import type { PageContext } from "./context.ts";
import { withBuildLock } from "./lock.ts";

/** Empties the folder (or makes it) for a build's shared results. */
export async function freshSharedFolder(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

const audienceKey = (audience: Audience): string => encodeURIComponent(audienceText(audience));

/**
 * The result `compute` gives, computed once per build and audience in `folder` (or every time
 * without one). Every caller gets it as JSON gives it back, the one that computed it too: a page's
 * data must not depend on which loader came first.
 */
export async function sharedResult<T>(context: Pick<PageContext, "audience" | "sharedFolder">, name: string, compute: () => Promise<T>): Promise<T> {
  const { sharedFolder: folder, audience } = context;
  if (!folder) return JSON.parse(JSON.stringify(await compute())) as T;
  const file = join(folder, `${name}.${audienceKey(audience)}.json`);
  // The build's log says who computed a result and who read it (the site tests count them).
  const log = (line: string) => process.stderr.write(`shared ${name}: ${line}\n`);
  const read = async (): Promise<T | undefined> => {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    log("read");
    return JSON.parse(text) as T;
  };
  // The lock's owner computes; the others wait for it. A loader that died computing leaves the
  // lock to the next (withBuildLock takes over a lock whose process has gone).
  return (await read()) ?? withBuildLock(`${file}.lock`, () => {}, async () => {
    const meanwhile = await read();
    if (meanwhile !== undefined) return meanwhile;
    const started = performance.now();
    const text = JSON.stringify(await compute());
    // into place by a rename: a reader that does not take the lock never sees half a file
    await writeFile(`${file}.${process.pid}.partial`, text);
    await rename(`${file}.${process.pid}.partial`, file);
    log(`computed in ${Math.round(performance.now() - started)} ms`);
    return JSON.parse(text) as T;
  });
}
