/**
 * Which SQL statements an ingest or a models run spends its time in: wraps the DuckDB
 * connection's run methods to time each statement, runs the step in this process, and prints the
 * slowest statements (first line of their text). The JS thread of both steps is ~90 % idle (see
 * a --cpu-prof profile): the time is inside DuckDB, so this is where to look next, then
 * EXPLAIN ANALYZE on the statement it names.
 *
 *   node --import tsx bench/steps/statement-profile.ts ingest DATA_DIR WAREHOUSE [TOP]
 *   node --import tsx bench/steps/statement-profile.ts models WAREHOUSE AS_OF [TOP]
 *
 * With BENCH_EXPLAIN=text, each statement containing that text is first run under EXPLAIN
 * ANALYZE (printed to stderr), then run for real.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBConnection } from "@duckdb/node-api";

const [kind, first, second, top = "12"] = process.argv.slice(2);
const explain = process.env.BENCH_EXPLAIN;
const spent: { sql: string; ms: number }[] = [];
// every query method of the connection ends in run(): wrapping it alone times each statement once
const originalRun = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = async function (this: DuckDBConnection, ...args: Parameters<DuckDBConnection["run"]>) {
  const sql = String(args[0]);
  if (explain && sql.includes(explain)) {
    // EXPLAIN ANALYZE of a CREATE TABLE … AS would create the table: explain the query alone
    const query = sql.replace(/^\s*create\s+(or\s+replace\s+)?(temp(orary)?\s+)?table\s+\S+\s+as\s+/i, "");
    const plan = await originalRun.call(this, `explain analyze ${query}`, args[1], args[2]);
    for (const row of await plan.getRows()) process.stderr.write(`${String(row[1])}\n`);
  }
  const started = performance.now();
  try {
    return await originalRun.apply(this, args);
  } finally {
    spent.push({ sql: sql.replace(/\s+/g, " ").trim().slice(0, 160), ms: performance.now() - started });
  }
};

const started = performance.now();
if (kind === "ingest" && first && second) {
  const { ingest } = await import("../../data-loaders/ingest.ts");
  await ingest({ dataDir: first, warehouse: second });
} else if (kind === "models" && first && second) {
  // as `cadreboard models` does it: build every mart, then write each one's CSV
  const { runModels } = await import("../../src/models/index.ts");
  const outDir = await mkdtemp(join(tmpdir(), "bench-models-"));
  await runModels({ warehouse: first, asOf: second, outDir });
  await rm(outDir, { recursive: true, force: true });
} else {
  throw new Error("usage: statement-profile.ts ingest DATA_DIR WAREHOUSE | models WAREHOUSE AS_OF [TOP]");
}
const total = performance.now() - started;
const inSql = spent.reduce((sum, entry) => sum + entry.ms, 0);
console.log(`${kind}: ${(total / 1000).toFixed(2)} s, of which ${(inSql / 1000).toFixed(2)} s in ${spent.length} statements`);
for (const entry of spent.sort((a, b) => b.ms - a.ms).slice(0, Number(top))) {
  console.log(`${(entry.ms / 1000).toFixed(2).padStart(7)} s  ${entry.sql}`);
}
