/**
 * Small synthetic record folders for the ingest tests (never real personal data), plus helpers to
 * run the CLI and read a warehouse back.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite"; // test-only: to write GB18030 fixtures as WPS would
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";
import { installMacros } from "../../data-loaders/sql-macros.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A test oracle for fixtures: completes 17 digits with their MOD 11-2 check character. */
export function idNumber(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return first17 + "10X98765432"[sum % 11];
}

/** 330102 + birth date + order digits: odd last order digit = male. */
export const maleId = idNumber("33010219800506001"); // born 1980-05-06, male
export const femaleId = idNumber("33010219850301002"); // born 1985-03-01, female

export type Rows = readonly (readonly (string | number)[])[];

export const csv = (rows: Rows): string =>
  rows.map((row) => row.map((cell) => (/[",\r\n]/.test(String(cell)) ? `"${String(cell).replaceAll('"', '""')}"` : cell)).join(",")).join("\r\n") + "\r\n";

/** A small county that loads without a single reject: the baseline the tests break on purpose. */
export const validFiles = (): Record<string, Rows> => ({
  schools: [
    ["school_id", "name", "district", "level", "location", "tier", "staff_quota"],
    ["S1", "城关一中", "东片", "初中", "城区", "优质", 50],
    ["S2", "溪口小学", "西片", "小学", "农村", "薄弱", 30],
  ],
  staff: [
    ["staff_id", "name", "id_number", "gender", "birth_date", "education", "title", "political_status", "work_start", "teaching_start", "subject", "backbone", "employment"],
    ["T1", "张三", maleId, "男", "1980-05-06", "本科", "一级", "", "2002-09-01", "", "语文", "", "在编"],
    ["T2", "李四", "", "女", "1985-03-01", "研究生", "高级", "中共党员", "2008-09-01", "2008-09-01", "数学", "骨干教师", "在编"],
  ],
  appointments: [
    ["staff_id", "school_id", "post", "department", "start_date", "end_date", "method", "round", "term_years", "probation_end"],
    ["T1", "S1", "专任教师", "", "2002-09-01", "", "", "", "", ""],
    ["T2", "S2", "中层正职", "教导处", "2015-09-01", "", "竞聘", 2015, 3, ""],
  ],
  appraisals: [
    ["staff_id", "year", "grade", "score", "attitude", "ability", "duties", "results", "votes_expected", "votes_cast", "votes_excellent", "votes_competent", "votes_basic", "votes_incompetent", "applied_multiplier", "base_allowance"],
    ["T1", 2020, "优秀", 900, 45, 45, 540, 270, 30, 28, 20, 8, 0, 0, 1.2, 500],
    ["T2", 2020, "合格", "", "", "", "", "", "", "", "", "", "", "", "", ""],
  ],
  rotations: [
    ["staff_id", "from_school_id", "to_school_id", "start_date", "end_date", "type", "relation_moved"],
    ["T2", "S1", "S2", "2015-09-01", "", "校际交流", "是"],
  ],
});

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `cadreboard-test-${prefix}-`));

/** Writes each file as UTF-8 CSV (no BOM) unless given as raw bytes. */
export function writeFolder(files: Record<string, Rows | Buffer | string>, dir = tempDir("data")): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name.includes(".") ? name : `${name}.csv`);
    writeFileSync(path, Buffer.isBuffer(content) || typeof content === "string" ? content : csv(content));
  }
  return dir;
}

export const gb18030 = (text: string): Buffer => iconv.encode(text, "gb18030");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real command line, as a user runs it from the checkout (UTC, so dates read as written). */
export function runCli(args: readonly string[]): CliResult {
  const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", ...args], {
    cwd: join(import.meta.dirname, "../.."),
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const runIngest = (dataDir: string, warehouse: string): CliResult => runCli(["ingest", "--data", dataDir, "--warehouse", warehouse]);

/** `cadreboard models` on a warehouse ingest wrote: the contract CSVs as of `asOf` in `out`. */
export const runModels = (warehouse: string, out: string, asOf = "2026-09-01"): CliResult =>
  runCli(["models", "--warehouse", warehouse, "--as-of", asOf, "--out", out]);

/** Reads a warehouse (read-only) with one query. */
export async function queryWarehouse(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await openDatabase(path, { readOnly: true });
  try {
    return await queryJson(db.connection, sql);
  } finally {
    db.close();
  }
}

/** An in-memory DuckDB with the ingest macros, for the value-rule tables. */
export async function macroDatabase() {
  const db = await openDatabase();
  await installMacros(db.connection);
  return {
    one: async (sql: string, params: Record<string, string | null>) => (await queryJson(db.connection, sql, params))[0]!,
    close: () => db.close(),
  };
}
