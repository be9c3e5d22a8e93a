import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resetFrameworkCache, stdlibVersionPins } from "../../src/site/framework-cache.ts";
import { withBuildLock } from "../../src/site/lock.ts";

describe("withBuildLock", () => {
  it("runs builds one after the other", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "lock-")), "lock");
    const events: string[] = [];
    const build = (name: string) =>
      withBuildLock(dir, () => {}, async () => {
        events.push(`${name} start`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name} end`);
      });
    await Promise.all([build("a"), build("b")]);
    // Either may go first; what matters is that one ends before the other starts.
    const first = events[0]!.split(" ")[0];
    const second = first === "a" ? "b" : "a";
    expect(events).toEqual([`${first} start`, `${first} end`, `${second} start`, `${second} end`]);
  });

  it("takes over a lock whose process has gone", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "lock-")), "lock");
    await mkdir(dir);
    await writeFile(join(dir, "pid"), "999999999");
    expect(await withBuildLock(dir, () => {}, async () => "ran", 2_000)).toBe("ran");
  });
});

it("resetting Framework's cache drops loader output, keeps the bundled libraries and the pinned stdlib versions", async () => {
  const root = await mkdtemp(join(tmpdir(), "reports-"));
  const cache = join(root, ".observablehq", "cache");
  await mkdir(join(cache, "data"), { recursive: true });
  await writeFile(join(cache, "data", "overview.json"), '{"names":["someone"]}');
  await writeFile(join(cache, "summary.json"), '{"names":["someone"]}');
  await mkdir(join(cache, "_node", "vega@6.4.0"), { recursive: true });
  await writeFile(join(cache, "_node", "vega@6.4.0", "index.js"), "export {};");
  await resetFrameworkCache(root);
  expect((await readdir(cache)).sort()).toEqual(["_node", "_npm"]);
  expect(await readdir(join(cache, "_node", "vega@6.4.0"))).toEqual(["index.js"]);
  const pinned = await readdir(join(cache, "_npm"), { recursive: true });
  for (const pin of stdlibVersionPins) expect(pinned).toContain(pin);
});
