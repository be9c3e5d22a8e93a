/**
 * `cadreboard plan`: drafts the coming round's rotation plan, or checks one a bureau wrote, and
 * writes the contract's tables as CSV and one XLSX workbook laid out for filing.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { xlsxWorkbook } from "../../reports/components/xlsx.js";
import { buildMarts } from "../models/index.ts";
import { planInputNames } from "../models/models.ts";
import { defaultPolicyPath, loadPolicy, policyOn } from "../policy/load.ts";
import { queryJson, type Database } from "../warehouse/duckdb.ts";
import { shownFingerprint } from "../../data-loaders/fingerprint.ts";
import { loadInfoSql } from "../warehouse/schema.ts";
import { pathLiteral, writeTableCsv } from "../models/csv.ts";
import { checkPlan } from "./check.ts";
import { loadPlanContext, type PlanContext } from "./context.ts";
import { draftPlan, type DraftResult } from "./draft.ts";
import { readPlanFile } from "./plan-file.ts";
import { checkRows, planRows, unplacedRows, type PlanCheckTableRow, type PlanUnplacedRow, type RotationPlanRow } from "./tables.ts";
import { planSheets } from "./workbook.ts";

export interface PlanOptions {
  warehouse: string;
  year: number;
  outDir: string;
  policyPath?: string;
  /** A bureau's own plan to check instead of drafting one. */
  checkFile?: string;
  log?: (line: string) => void;
}

export interface PlanTables {
  rotation_plan: RotationPlanRow[];
  plan_checks: PlanCheckTableRow[];
  plan_unplaced: PlanUnplacedRow[];
}

/**
 * The records are read as they stand on the day before school year Y's round opens (ROT-YEAR):
 * that day's round is Y − 1's, so Y is the first year the models judge as "nobody moves".
 */
export async function planAsOf(year: number, policyPath = defaultPolicyPath): Promise<string> {
  const policy = await loadPolicy(policyPath);
  const opens = String(policyOn(policy, `${year}-08-31`).get("ROT-YEAR.round_opens") ?? "07-01");
  const day = new Date(`${year}-${opens}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The models school year Y's plan reads, built from the warehouse (only what plan_people and
 * plan_schools need), with the warehouse attached as `warehouse` for names and load facts.
 */
async function planMarts(options: { warehouse: string; year: number; policyPath?: string }): Promise<Database> {
  const db = await buildMarts({
    warehouse: options.warehouse,
    asOf: await planAsOf(options.year, options.policyPath),
    outlookYears: 1,
    only: planInputNames,
    ...(options.policyPath ? { policyPath: options.policyPath } : {}),
  });
  await db.connection.run(`attach ${pathLiteral(options.warehouse)} as warehouse (read_only)`);
  // the plan's own tables are made in memory; raw tables and load facts are found in the warehouse
  await db.connection.run(`set search_path = 'memory.main,warehouse.main'`);
  return db;
}

/** The plan's context for school year Y, from the warehouse through the models. */
export async function planContext(options: { warehouse: string; year: number; policyPath?: string }): Promise<PlanContext> {
  const db = await planMarts(options);
  try {
    return await loadPlanContext(db);
  } finally {
    db.close();
  }
}

/** Drafts the plan for a context (the site build's marts, or planContext's). */
export async function draftPlanTables(context: PlanContext): Promise<PlanTables & { solver: DraftResult["solver"] }> {
  const draft = await draftPlan(context);
  return {
    rotation_plan: planRows(context, draft.moves),
    plan_checks: checkRows(checkPlan(context, draft.moves)),
    plan_unplaced: unplacedRows(context, draft.unplaced),
    solver: draft.solver,
  };
}

/**
 * Drafts the coming round's plan from a database holding the marts and adds its tables there, as
 * the site build does: the 交流方案 page and the outlook read them beside the other marts.
 */
export async function addDraftPlan(marts: Database): Promise<DraftResult["solver"]> {
  const tables = await draftPlanTables(await loadPlanContext(marts));
  for (const name of ["rotation_plan", "plan_checks", "plan_unplaced"] as const) await loadRows(marts, name, tables[name]);
  return tables.solver;
}

export async function runPlan(options: PlanOptions): Promise<{ files: { path: string; rows: number }[] }> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const db = await planMarts(options);
  try {
    const context = await loadPlanContext(db);
    await mkdir(options.outDir, { recursive: true });
    const files: { path: string; rows: number }[] = [];
    const write = async (name: PlanTableName, rows: readonly object[]) => {
      await loadRows(db, name, rows);
      const path = join(options.outDir, `${name}.csv`);
      files.push({ path, rows: await writeTableCsv(db, name, path) });
    };
    const { names, notes } = await warehouseFacts(db);
    if (options.checkFile) {
      const { moves, rejects } = await readPlanFile(options.checkFile, context, { staffIds: new Set(names.keys()) });
      for (const reject of rejects) log(`rejected: ${reject.file} row ${reject.row} column ${reject.column}: ${reject.reason}`);
      const checks = checkRows(checkPlan(context, moves));
      await write("plan_checks", checks);
      if (rejects.length > 0) await write("plan_rejects", rejects);
      const broken = checks.filter((check) => !check.holds).length;
      log(`plan ${options.checkFile}: ${moves.length} moves checked, ${broken} rule rows broken, ${rejects.length} rows rejected（方案核查完成）`);
    } else {
      const tables = await draftPlanTables(context);
      for (const name of ["rotation_plan", "plan_checks", "plan_unplaced"] as const) await write(name, tables[name]);
      const workbook = join(options.outDir, `交流方案_${context.schoolYear}.xlsx`);
      notes.push(["求解", `HiGHS ${tables.solver.status}，相对间隙 ${(tables.solver.gap * 100).toFixed(2)}%`]);
      await writeFile(workbook, xlsxWorkbook(planSheets(context, tables, { names, notes })));
      files.push({ path: workbook, rows: tables.rotation_plan.length });
      log(
        `plan ${context.schoolYear}: ${tables.rotation_plan.length} moves, ${tables.plan_unplaced.length} not placed; ` +
          `HiGHS ${tables.solver.status}, gap ${(tables.solver.gap * 100).toFixed(2)}%, ${tables.solver.columns} columns, drafted in ${tables.solver.seconds.toFixed(1)} s`,
      );
    }
    for (const file of files) log(`${file.path}\t${file.rows} rows`);
    log(`plan built in ${((performance.now() - started) / 1000).toFixed(1)} s（交流方案完成）`);
    return { files };
  } finally {
    db.close();
  }
}

/** Names for the bureau's own workbook, and where the records came from, for its 说明 sheet. */
async function warehouseFacts(db: Database): Promise<{ names: Map<string, string>; notes: [string, string][] }> {
  const names = new Map((await queryJson(db.connection, "select staff_id, name from raw_staff")).map((row) => [String(row.staff_id), String(row.name ?? "")]));
  const [load] = await queryJson(db.connection, loadInfoSql);
  const notes: [string, string][] = [
    ["数据导入时间", String(load?.loaded_at ?? "")],
    ["数据指纹", typeof load?.input_fingerprint === "string" ? shownFingerprint(load.input_fingerprint) : ""],
  ];
  return { names, notes };
}

/** The columns of each table the plan writes, in the contract's order, with their DuckDB types. */
const columns = {
  rotation_plan: {
    school_year: "INTEGER", staff_id: "VARCHAR", from_school_id: "VARCHAR", to_school_id: "VARCHAR", post_group: "VARCHAR",
    backbone: "BOOLEAN", rule_id: "VARCHAR", explanation: "VARCHAR", type: "VARCHAR",
  },
  plan_checks: {
    school_year: "INTEGER", school_id: "VARCHAR", rule_id: "VARCHAR", holds: "BOOLEAN", required: "INTEGER", planned: "INTEGER", explanation: "VARCHAR",
  },
  plan_unplaced: { school_year: "INTEGER", staff_id: "VARCHAR", from_school_id: "VARCHAR", reason_rule_id: "VARCHAR", explanation: "VARCHAR" },
  plan_rejects: { file: "VARCHAR", row: "INTEGER", column: "VARCHAR", value: "VARCHAR", reason: "VARCHAR" },
} as const;

export type PlanTableName = keyof typeof columns;

/** Rows as a table with the table's columns (an empty list still has them). */
export async function loadRows(db: Database, name: PlanTableName, rows: readonly object[]): Promise<void> {
  const types = columns[name];
  await db.connection.run(`create table ${name} (${Object.entries(types).map(([column, type]) => `"${column}" ${type}`).join(", ")})`);
  if (rows.length === 0) return;
  await db.connection.run(`insert into ${name} select unnest(from_json($json, $structure), recursive := true)`, {
    json: JSON.stringify(rows),
    structure: JSON.stringify([types]),
  });
}
