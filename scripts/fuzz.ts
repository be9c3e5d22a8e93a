/**
 * The long fuzz run: `npx tsx scripts/fuzz.ts [seconds] [seed]` (default 300 s). Prints each
 * failure with its seed and iteration, and exits 1 if there was any.
 */
import { fuzz } from "../test/faults/fuzz.ts";

process.env.TZ = "UTC";
const seconds = Number(process.argv[2] ?? 300);
const seed = Number(process.argv[3] ?? Date.now() % 1e9);
const result = await fuzz(seed, seconds);
for (const failure of result.failures) console.error(failure);
console.log(`fuzz seed ${seed}: ${result.iterations} iterations, ${result.exit0} loaded, ${result.exit1} stopped with a message, ${result.failures.length} failures`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
