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
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
