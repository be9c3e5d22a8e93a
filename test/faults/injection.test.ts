/**
 * No SQL is ever built by pasting values: every SQL text ingest hands DuckDB is recorded while a
 * county whose every cell, header, title row, note row and folder name carries a marker is
 * loaded. The marker must never appear in SQL text, and hostile cells land as plain text.
 */
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { csv, queryWarehouse, tempDir, validFiles, writeFolder } from "../ingest/fixtures.ts";
import { checkInvariant, ingestInProcess } from "./harness.ts";
import { workbook } from "./workbooks.ts";

const MARK = "Zq7Mark";
/** Cells that would do something if they were ever pasted into SQL or evaluated as a formula. */
const HOSTILE = [
  `${MARK}'); drop table raw_staff; --`,
  `${MARK}" || (select getenv('HOME')) || "`,
  `=${MARK}+cmd|' /C calc'!A0`,
  `${MARK}$today`,
  `${MARK}\\'; copy raw_staff to '/tmp/x.csv'; --`,
  `@SUM(1+1)${MARK}`,
  `<script>alert(1)</script>${MARK}`,
];

const sqlSeen: string[] = [];
let warehouse: string;
let data: string;

beforeAll(async () => {
  for (const method of ["run", "prepare", "runAndReadAll", "runAndRead", "streamAndReadAll", "extractStatements"] as const) {
    const original = (DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
    if (!original) continue;
    vi.spyOn(DuckDBConnection.prototype as never, method as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === "string") sqlSeen.push(args[0]);
      return original.apply(this, args);
    } as never);
  }
  const files = validFiles();
  const mark = (rows: readonly (readonly (string | number)[])[]) =>
    rows.map((row, r) => (r === 0 ? [...row, `备注'${MARK}"`] : [...row.map((cell, i) => (i === 1 ? `${cell}${HOSTILE[(r + i) % HOSTILE.length]}` : cell)), HOSTILE[r % HOSTILE.length]!]));
  data = join(tempDir("inject"), `dir'${MARK}`);
  mkdirSync(data);
  writeFolder(
    {
      schools: csv([[`标题'${MARK}`], ...mark(files.schools!)]),
      appointments: csv([...mark(files.appointments!), [`备注：${MARK}'); drop table raw_rejects; --`]]),
      appraisals: mark(files.appraisals!),
      rotations: mark(files.rotations!),
    },
    data,
  );
  const staff = mark(files.staff!);
  const { writeFileSync } = await import("node:fs");
  writeFileSync(join(data, "staff.xlsx"), await workbook([[`花名册${MARK}`], ...staff, [`制表人：${MARK}`]]));
  warehouse = join(tempDir("inject-w"), "w.duckdb");
  const run = await ingestInProcess(data, warehouse);
  expect(run.err).toBe("");
  expect(run.status).toBe(0);
});
afterAll(() => vi.restoreAllMocks());

describe("injection", () => {
  it("ingest ran SQL, and not one statement contains a value from the files", () => {
    expect(sqlSeen.length).toBeGreaterThan(50);
    expect(sqlSeen.filter((sql) => sql.includes(MARK))).toEqual([]);
  });

  it("hostile cells are stored verbatim as text, and every table is still there", async () => {
    const names = await queryWarehouse(warehouse, "select name from raw_staff order by row_number");
    expect(names.map((row) => row.name)).toEqual(["张三" + HOSTILE[2], "李四" + HOSTILE[3]]);
    const extras = await queryWarehouse(warehouse, `select distinct value from raw_extra_cells where file = 'staff.xlsx' order by 1`);
    expect(extras.length).toBeGreaterThan(0);
    const counts = await checkInvariant(warehouse);
    expect(counts.map((count) => count.file)).toEqual(["appointments.csv", "appraisals.csv", "rotations.csv", "schools.csv", "staff.xlsx"]);
    const notes = await queryWarehouse(warehouse, "select value from raw_rejects where reason like '表格末尾的说明行%' order by file");
    expect(notes).toEqual([{ value: `备注：${MARK}'); drop table raw_rejects; --` }, { value: `制表人：${MARK}` }]);
  });
});
