/**
 * The scan floor: DuckDB reads the same CSV record files into tables, every column as text, with
 * nothing else — no header mapping, typing, checks, rejects or write to disk (an in-memory
 * database: the cheapest place a table can be). This is the least any load of these files can
 * cost on this machine, so ingest + models ÷ floor says how far the pipeline is from it. DuckDB
 * keeps its own memory default here (80 % of RAM), not Cadreboard's limit: nothing spills.
 *
 *   node --import tsx bench/steps/scan-floor.ts DATA_DIR
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: scan-floor.ts DATA_DIR");

const db = await openDatabase(":memory:", { memoryLimit: null });
const rows: Record<string, number> = {};
const started = performance.now();
try {
  for (const name of (await readdir(dataDir)).filter((file) => file.endsWith(".csv")).sort()) {
    const table = `floor_${name.replace(/\.csv$/, "")}`;
    await db.connection.run(`create table "${table}" as select * from read_csv($path, all_varchar = true, header = true)`, {
      path: join(dataDir, name),
    });
    const [count] = await queryJson(db.connection, `select count(*)::bigint as n from "${table}"`);
    rows[name] = Number(count?.n);
  }
} finally {
  db.close();
}
process.stdout.write(`${JSON.stringify({ rows, readSeconds: (performance.now() - started) / 1000 })}\n`);
