/**
 * The marts a site build reads. The models run once per build (buildMarts, in memory) and are
 * copied into one DuckDB file; every page data loader then opens that file read-only (openMarts,
 * src/site/context.ts). Running the models once per page would cost seven times the time for the
 * same tables.
 */
import { rename, rm } from "node:fs/promises";
import { buildMarts, martNames, outlookNames, siteMartNames } from "../models/index.ts";
import { planInputNames } from "../models/models.ts";
import { addDraftPlan } from "../plan/index.ts";
import { queryJson, type Database } from "../warehouse/duckdb.ts";

export interface SnapshotOptions {
  warehouse: string;
  asOf: string;
  out: string;
  policyPath?: string;
  horizonMonths?: number;
}

/**
 * What the pages read from the models: the contract's tables, the site's own marts, the outlook,
 * two staging tables, and the coming round's draft plan with what it was drafted from.
 */
const modelTables = [...martNames, ...siteMartNames, ...outlookNames, "stg_staff", "stg_schools", ...planInputNames] as const;
export const siteTables = [...modelTables, "rotation_plan", "plan_checks", "plan_unplaced"] as const;

/**
 * What the pages read from the warehouse itself: the load bookkeeping, and names. The models
 * keep names out of the marts (they carry staff_id only); the site adds them for the bureau and
 * school builds, so they are copied here, in a table of their own, and nothing else personal.
 */
const warehouseTables = {
  load_files: "select * from warehouse.load_files",
  load_info: "select * from warehouse.load_info",
  staff_names: "select staff_id, name from warehouse.raw_staff",
} as const;

/** Runs the models and writes the tables the pages read to `out`. */
export async function snapshotMarts(options: SnapshotOptions): Promise<string[]> {
  const marts = await buildMarts({
    warehouse: options.warehouse,
    asOf: options.asOf,
    // the intermediate tables go once read: the build holds what the pages and the plan read
    only: modelTables,
    ...(options.policyPath ? { policyPath: options.policyPath } : {}),
    ...(options.horizonMonths ? { horizonMonths: options.horizonMonths } : {}),
  });
  try {
    await addDraftPlan(marts);
  } catch (error) {
    marts.close();
    throw error;
  }
  return copyTables(marts, options.warehouse, options.out);
}

async function copyTables(marts: Database, warehouse: string, out: string): Promise<string[]> {
  const temp = `${out}.tmp`;
  await rm(temp, { force: true });
  try {
    const database = await currentDatabase(marts);
    const sources: { name: string; from: string }[] = [];
    for (const name of siteTables) {
      const [found] = await queryJson(
        marts.connection,
        `select table_catalog, table_schema from information_schema.tables where table_name = $name
         order by table_catalog = $catalog desc, table_schema = 'main' desc limit 1`,
        { name, catalog: database },
      );
      if (!found) throw new Error(`site build: the models produced no table "${name}", which the report pages read.`);
      sources.push({ name, from: `"${String(found.table_catalog)}"."${String(found.table_schema)}"` });
    }
    await marts.connection.run(`attach '${temp.replaceAll("'", "''")}' as snapshot`);
    for (const { name, from } of sources) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      await marts.connection.run(`create table snapshot.${quoted} as select * from ${from}.${quoted}`);
    }
    await marts.connection.run(`attach '${warehouse.replaceAll("'", "''")}' as warehouse (read_only)`);
    for (const [name, select] of Object.entries(warehouseTables)) {
      await marts.connection.run(`create table snapshot.${name} as ${select}`);
      sources.push({ name, from: "warehouse" });
    }
    await marts.connection.run("detach warehouse");
    await marts.connection.run("detach snapshot");
    await rename(temp, out);
    return sources.map((source) => source.name);
  } finally {
    marts.close();
    await rm(temp, { force: true });
  }
}

async function currentDatabase(db: Database): Promise<string> {
  const [row] = await queryJson(db.connection, "select current_database() as name");
  return String(row?.name);
}
