/**
 * The run's own temp folder (test/site/support/test-run.ts): every test file's worker, and every
 * process it starts, writes its temp files under it, so that the teardown removes them all.
 */
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { basename } from "node:path";
import { expect, it } from "vitest";

it("test files and the processes they start use the run's temp folder", () => {
  expect(basename(tmpdir())).toMatch(/^cadreboard-test-run-/);
  const child = execFileSync(process.execPath, ["-e", "process.stdout.write(require('node:os').tmpdir())"], { encoding: "utf8" });
  expect(child).toBe(tmpdir());
});
