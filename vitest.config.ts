import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { SiteBuildsFirst } from "./test/site/support/site-builds-first.ts";

// Rules never read the clock, but date formatting in Node does: pin the zone so a test means
// the same thing on every machine.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/site/support/test-run.ts"],
    sequence: { sequencer: SiteBuildsFirst },
    pool: "forks",
    // Vitest leaves a core for itself by default, which on a 2-core office PC or CI runner runs
    // one test file at a time; the files spend their time in DuckDB, Chromium and child processes,
    // not in vitest's own process, so every core runs a file.
    maxWorkers: availableParallelism(),
    // A fresh process per test file spent more time importing DuckDB, the sources and vitest
    // itself than many a file spends testing: the files share a process per worker instead.
    // Vitest still restores mocks between files; a file that changes process-wide state
    // (process.env, a prototype) puts it back itself.
    poolOptions: { forks: { isolate: false } },
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
