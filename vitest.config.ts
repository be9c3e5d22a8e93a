import { defineConfig } from "vitest/config";

// Rules never read the clock, but date formatting in Node does: pin the zone so a test means
// the same thing on every machine.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
