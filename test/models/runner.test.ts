import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DataTestError } from "../../src/errors.ts";
import { genericTestQueries, runDataTests, type GenericTests } from "../../src/models/data-tests.ts";
import { buildMarts, martNames, runModels } from "../../src/models/index.ts";
import { lastReaders, modelFiles, sqlDir, viewModels } from "../../src/models/models.ts";
import { defaultPolicyPath } from "../../src/policy/load.ts";
import { warehouseDdl } from "../../src/warehouse/schema.ts";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";
import { build, person, post, query } from "./given.ts";

let dir: string;
let warehouse: string;
const digest = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadreboard-models-"));
  warehouse = join(dir, "it's a warehouse.duckdb");
  const db = await openDatabase(warehouse);
  for (const statement of warehouseDdl()) await db.connection.run(statement);
  await db.connection.run(`insert into raw_schools (school_id, name, district, level, location, tier, staff_quota, row_number)
    values ('S1', '实验小学', null, 'primary', 'urban', 'strong', 80, 2)`);
  await db.connection.run(`insert into raw_staff (staff_id, name, gender, birth_date, education, work_start, employment, row_number)
    values ('T1', '张老师', 'M', '1971-03-10', 'bachelor', '1993-09-01', 'tenured', 2),
           ('C1', '李老师', 'F', '1985-05-05', 'bachelor', '2008-09-01', 'tenured', 3)`);
  await db.connection.run(`insert into raw_appointments (staff_id, school_id, post, department, start_date, row_number)
    values ('T1', 'S1', 'teacher', null, '2014-09-01', 2), ('C1', 'S1', 'teacher', null, '2008-09-01', 3),
           ('C1', 'S1', 'middle_deputy', '教导处, 德育', '2024-09-01', 4)`);
  await db.connection.run(`insert into raw_appraisals (staff_id, year, grade, applied_multiplier, base_allowance, row_number)
    values ('C1', 2025, 'competent', 1.1, 650, 2)`);
  await db.connection.run(`insert into raw_rejects values ('staff', 7, '出生日期', '1980/13/01', '不是有效日期', 'row')`);
  await db.connection.run(`insert into load_files values ('staff', 'staff.csv', 'csv', 'utf-8', 1, 4, 3, 1, null)`);
  db.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runModels", () => {
  it("writes one contract CSV per table and leaves the warehouse untouched", async () => {
    const before = await digest(warehouse);
    const out = join(dir, "out");
    const lines: string[] = [];
    const result = await runModels({ warehouse, asOf: "2026-09-01", outDir: out, log: (line) => lines.push(line) });
    expect(await digest(warehouse)).toBe(before);
    expect(result.tables.map((table) => table.name)).toEqual([...martNames]);
    expect((await readdir(out)).sort()).toEqual(martNames.map((name) => `${name}.csv`).sort());
    expect(lines.at(-1)).toMatch(/built in/);

    const due = (await readFile(join(out, "rotation_due.csv"), "utf8")).split("\n");
    expect(due[0]!.startsWith("staff_id,school_id,due,exempt,years_in_school,age,gender,post,rule_id,explanation")).toBe(true);
    // then the extra columns: rotation_rule_id, barred (ROT-BAR), failed_appraisal_year, serving_until (ROT-SERVE)
    expect(due).toContain("T1,S1,true,false,12.0,55,M,teacher,ROT-T9,在本校连续任教12.0年（≥9年），男，55周岁（≤55周岁），应交流轮岗（ROT-T9）,ROT-T9,false,,");

    const pay = (await readFile(join(out, "performance_pay.csv"), "utf8")).split("\n");
    // a department with a comma is quoted; a missing value is empty; booleans are true/false
    expect(pay[1]).toMatch(/^C1,S1,2025,middle_deputy,competent,1\.0,1\.1,true,650\.0,650\.0,PAY-MULT,/);
    const tenure = await readFile(join(out, "cadre_tenure.csv"), "utf8");
    expect(tenure).toContain(`C1,S1,middle_deputy,"教导处, 德育",41,F,`);
    expect(tenure).toContain(",2024-09-01,");

    expect(await readFile(join(out, "rejects.csv"), "utf8")).toBe("file,row_number,column,value,reason,action\nstaff,7,出生日期,1980/13/01,不是有效日期,row\n");
  });

  it("buildMarts returns a database with every mart, detached from the warehouse", async () => {
    const db = await buildMarts({ warehouse, asOf: "2026-09-01" });
    try {
      const tables = (await queryJson(db.connection, "select table_name from information_schema.tables")).map((row) => row.table_name);
      for (const name of martNames) expect(tables).toContain(name);
      expect(tables).not.toContain("raw_staff");
      // a staging view would read the detached warehouse: none is left behind
      for (const name of viewModels) expect(tables).not.toContain(name);
    } finally {
      db.close();
    }
  });

  it("a build for named marts holds those and drops each other model once its last reader is built", async () => {
    const lines: string[] = [];
    const db = await buildMarts({ warehouse, asOf: "2026-09-01", only: ["rotation_due"] }, (line) => lines.push(line));
    try {
      const tables = (await queryJson(db.connection, "select table_name from information_schema.tables")).map((row) => String(row.table_name));
      expect(tables.filter((name) => modelFiles.some((model) => model.name === name))).toEqual(["rotation_due"]);
      expect(tables).toContain("run_params");
      // the intermediate models it reads were built (and tested) before they went
      expect(lines.some((line) => line.includes("intermediate/int_rotation_eligibility: built"))).toBe(true);
      const [row] = await queryJson(db.connection, "select due from rotation_due where staff_id = 'T1'");
      expect(row!.due).toBe(true);
    } finally {
      db.close();
    }
  });

  it("with release, hands each named model over once nothing later reads it, then drops it", async () => {
    const events: string[] = [];
    const db = await buildMarts(
      {
        warehouse, asOf: "2026-09-01", only: ["int_rotation_explained", "rotation_due"],
        release: async (name, db) => {
          const [row] = await queryJson(db.connection, `select count(*)::integer as rows from ${name}`);
          events.push(`released ${name} with ${row!.rows} rows`);
        },
      },
      (line) => events.push(line.trim().split(":")[0]!),
    );
    try {
      // rotation_due reads int_rotation_explained: both go once rotation_due is built and tested
      expect(events.slice(events.indexOf("intermediate/int_rotation_explained"))).toEqual([
        "intermediate/int_rotation_explained",
        "marts/rotation_due",
        "released int_rotation_explained with 4 rows",
        "released rotation_due with 2 rows",
      ]);
      const tables = (await queryJson(db.connection, "select table_name from information_schema.tables")).map((row) => String(row.table_name));
      expect(tables.filter((name) => modelFiles.some((model) => model.name === name))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("a failed run leaves the output folder as it was, and makes none that was missing", async () => {
    const missing = join(dir, "never-written");
    await expect(runModels({ warehouse, asOf: "2026-09-01", outDir: missing, policyPath: join(dir, "missing.yaml") })).rejects.toThrow(/missing\.yaml/);
    expect(existsSync(missing)).toBe(false);

    // a data test failing during the build, over a folder holding an earlier run's CSV
    const broken = join(dir, "broken.duckdb");
    await copyFile(warehouse, broken);
    const db = await openDatabase(broken);
    await db.connection.run("insert into raw_staff select * from raw_staff where staff_id = 'T1'");
    db.close();
    const out = join(dir, "earlier-run");
    await mkdir(out);
    await writeFile(join(out, "rotation_due.csv"), "an earlier run\n");
    await expect(runModels({ warehouse: broken, asOf: "2026-09-01", outDir: out })).rejects.toBeInstanceOf(DataTestError);
    expect(await readdir(out)).toEqual(["rotation_due.csv"]);
    expect(await readFile(join(out, "rotation_due.csv"), "utf8")).toBe("an earlier run\n");
  });

  it("finds each model's last reader among the later ones, comments and string literals ignored", () => {
    const texts = new Map([
      ["stg_a", "select * from raw_a"],
      ["int_b", "select * from stg_a -- not int_c"],
      ["int_c", "select * from stg_a"],
      ["mart", "select * from int_b where kind <> 'int_c'\n-- select * from int_c\nselect 1 from stg_a_wider"],
    ]);
    expect(lastReaders(texts, ["stg_a", "int_b", "int_c", "mart"])).toEqual(new Map([["stg_a", "int_c"], ["int_b", "mart"]]));
  });

  it("a missing warehouse is an input error that says what to run", async () => {
    await expect(buildMarts({ warehouse: join(dir, "none.duckdb"), asOf: "2026-09-01" })).rejects.toThrow(/not found.*cadreboard ingest/);
  });

  it("uses another policy file when given one, and stops on a bad one", async () => {
    const edited = join(dir, "policy-6-years.yaml");
    await writeFile(edited, (await readFile(defaultPolicyPath, "utf8")).replace(/years_in_school: 9\n/, "years_in_school: 6\n"));
    const db = await buildMarts({ warehouse, asOf: "2026-09-01", policyPath: edited });
    try {
      const [row] = await queryJson(db.connection, "select explanation from rotation_due where staff_id = 'T1'");
      expect(row!.explanation).toContain("（≥6年）");
    } finally {
      db.close();
    }
    await expect(buildMarts({ warehouse, asOf: "2026-09-01", policyPath: join(dir, "missing.yaml") })).rejects.toThrow(/missing\.yaml/);
  });
});

describe("data tests", () => {
  it("a failing invariant stops the build naming the model, the test and the rows", async () => {
    const error = await build({ load_files: [{ file: "staff", rows_read: 10, rows_loaded: 8, rows_rejected: 1 }] }, "2026-09-01").catch((e) => e);
    expect(error).toBeInstanceOf(DataTestError);
    expect(error.message).toContain("model stg_load_files");
    expect(error.message).toContain("test read_is_loaded_plus_rejected");
    expect(error.message).toMatch(/"rows_read":"?10"?,"rows_loaded":"?8"?/);
  });

  it("a duplicate key in the input fails the unique test of its staging model", async () => {
    const error = await build({ staff: [person("T1"), person("T1")], appointments: [post("T1", "S1", "2010-09-01")] }, "2026-09-01").catch((e) => e);
    expect(error).toBeInstanceOf(DataTestError);
    expect(error.message).toMatch(/model stg_staff, test unique\(staff_id\)/);
  });

  it("generic tests bind accepted values as parameters and quote identifiers", () => {
    const [unique, notNull, accepted] = genericTestQueries("rotation_due", {
      unique: [["school_id", "school_year"]], not_null: ["due"], accepted_values: { rule_id: ["ROT-T9", "O'Brien"] },
    });
    expect(unique!.sql).toContain(`group by all having count(*) > 1`);
    expect(notNull!.sql).toContain(`where "due" is null`);
    expect(accepted!.sql).not.toContain("O'Brien");
    expect(accepted!.params).toEqual({ accepted: JSON.stringify(["ROT-T9", "O'Brien"]) });
  });

  it.each<[string, number[], RegExp | null]>([
    ["nothing offends", [], null],
    ["a null in the second not_null column", [2], /test not_null\(c\): 1 offending row/],
    ["a value not accepted", [1], /test accepted_values\(b\): 1 offending row/],
    ["both: the test declared first is named (not_null before accepted_values)", [1, 2], /test not_null\(c\): 1 offending row/],
  ])("the not_null and accepted_values tests, asked in one scan: %s", async (_, broken, named) => {
    const db = await openDatabase(":memory:", { threads: 1 });
    try {
      const row = (i: number) => `(${i}, ${broken.includes(1) && i === 3 ? "'maybe'" : "'yes'"}, ${broken.includes(2) && i === 4 ? "null" : i})`;
      await db.connection.run(`create table t as select * from (values ${[1, 2, 3, 4].map(row).join(", ")}) v(a, b, c)`);
      const tests = genericTestQueries("t", { unique: ["a"], not_null: ["a", "c"], accepted_values: { b: ["yes", "no"] } });
      const outcome = runDataTests(db, "t", tests);
      if (named) await expect(outcome).rejects.toThrow(named);
      else await expect(outcome).resolves.toBeUndefined();
    } finally {
      db.close();
    }
  });

  // Some key columns may be empty by design (a reject's column when the whole row failed, the
  // office of a post outside any office), so not every key column can be not_null.
  it("every model declares its grain: a unique key, and not_null on its columns", async () => {
    const missing: string[] = [];
    for (const { name, layer } of modelFiles) {
      const yamlPath = join(sqlDir, layer, `${name}.tests.yaml`);
      const tests = existsSync(yamlPath) ? (parse(await readFile(yamlPath, "utf8")) as GenericTests) : {};
      const keys = (tests.unique ?? []).map((key) => (Array.isArray(key) ? key : [key]));
      if (!keys.some((key) => key.some((column) => tests.not_null?.includes(column)))) missing.push(`${layer}/${name}`);
    }
    expect(missing).toEqual([]);
  });

  it("every model file in sql/ is built: none is dead", async () => {
    const onDisk: string[] = [];
    for (const layer of ["staging", "intermediate", "marts"]) {
      for (const file of await readdir(join(sqlDir, layer))) if (/^[a-z_]+\.sql$/.test(file)) onDisk.push(`${layer}/${file.slice(0, -4)}`);
    }
    expect(onDisk.sort()).toEqual(modelFiles.map(({ name, layer }) => `${layer}/${name}`).sort());
  });

  it("every mart passes its tests on a small county (nothing offends)", async () => {
    const rows = await query({ staff: [person("T1")], appointments: [post("T1", "S1", "2010-09-01")] }, "2026-09-01",
      "select count(*)::integer as n from rotation_due");
    expect(rows).toEqual([{ n: 1 }]);
  });
});
