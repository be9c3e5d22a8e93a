/**
 * The site build's sample county is kept between builds, and written again when the generator
 * changed: after an update, `npm run build` must not show a sample an older Cadreboard wrote.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { sampleCounty } from "../../src/site/build.ts";

it("reuses the sample county it wrote, and writes it again when the generator changed", async () => {
  const work = mkdtempSync(join(tmpdir(), "sample-cache-"));
  const log: string[] = [];
  const dir = await sampleCounty(work, 300, (line) => log.push(line));
  expect(existsSync(join(dir, "establishments.csv"))).toBe(true);
  expect(log.filter((line) => line.includes("writing the sample county"))).toHaveLength(1);

  await sampleCounty(work, 300, (line) => log.push(line));
  expect(log.filter((line) => line.includes("writing the sample county"))).toHaveLength(1);

  // as an older generator left it: a stamp of other code, and a file this version no longer writes
  writeFileSync(join(dir, ".complete"), "an older generator");
  writeFileSync(join(dir, "stale.csv"), "");
  await sampleCounty(work, 300, (line) => log.push(line));
  expect(log.filter((line) => line.includes("writing the sample county"))).toHaveLength(2);
  expect(existsSync(join(dir, "stale.csv"))).toBe(false);
  expect(readFileSync(join(dir, ".complete"), "utf8")).toContain("sample");
});
