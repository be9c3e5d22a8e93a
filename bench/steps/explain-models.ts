/**
 * EXPLAIN ANALYZE of chosen models on a real warehouse: builds every model (buildMarts), then
 * runs the named models' SQL again under EXPLAIN ANALYZE and prints DuckDB's plan with the time
 * and row count of each operator — where a slow model spends its time.
 *
 *   node --import tsx bench/steps/explain-models.ts WAREHOUSE AS_OF MODEL [MODEL …]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildMarts } from "../../src/models/index.ts";
import { modelFiles, sqlDir } from "../../src/models/models.ts";

const [warehouse, asOf, ...names] = process.argv.slice(2);
if (!warehouse || !asOf || names.length === 0) throw new Error("usage: explain-models.ts WAREHOUSE AS_OF MODEL [MODEL …]");
const db = await buildMarts({ warehouse, asOf });
try {
  // the staging models read raw tables: attach the warehouse again for them
  await db.connection.run(`attach '${warehouse.replaceAll("'", "''")}' as warehouse (read_only)`);
  await db.connection.run(`set search_path = 'memory.main,warehouse.main'`);
  for (const name of names) {
    const model = modelFiles.find((candidate) => candidate.name === name);
    if (!model) throw new Error(`no model named ${name}`);
    const sql = await readFile(join(sqlDir, model.layer, `${name}.sql`), "utf8");
    const reader = await db.connection.runAndReadAll(`explain analyze ${sql}`);
    console.log(`==== ${model.layer}/${name}`);
    for (const row of reader.getRows()) console.log(String(row[1]));
  }
} finally {
  db.close();
}
