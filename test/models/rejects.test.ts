import { expect, it } from "vitest";
import { buildModelsInto } from "../../src/models/build.ts";
import { loadPolicy } from "../../src/policy/load.ts";
import { openDatabase, queryJson } from "../../src/warehouse/duckdb.ts";
import { warehouseDdl } from "../../src/warehouse/schema.ts";

it("the rejects mart passes through every column raw_rejects has, such as ingest's v2 `action`", async () => {
  const db = await openDatabase();
  try {
    for (const statement of warehouseDdl()) await db.connection.run(statement);
    // ingest records whether the row or only an optional cell was dropped (v2)
    await db.connection.run(`insert into raw_rejects values
      ('staff.csv', 9, 'subject', '#N/A', '任教学科不可读，已置空', 'cell'),
      ('staff.csv', 7, 'birth_date', '1980/13/01', '不是有效日期', 'row')`);
    await db.connection.run(`insert into raw_schools (school_id, name, level, location, tier, row_number) values ('S1', '一小', 'primary', 'urban', 'strong', 2)`);
    await buildModelsInto(db, await loadPolicy(), { asOf: "2026-09-01", horizonMonths: 36, outlookYears: 5 });
    expect(await queryJson(db.connection, "select * from rejects")).toEqual([
      { file: "staff.csv", row_number: 7, column: "birth_date", value: "1980/13/01", reason: "不是有效日期", action: "row" },
      { file: "staff.csv", row_number: 9, column: "subject", value: "#N/A", reason: "任教学科不可读，已置空", action: "cell" },
    ]);
  } finally {
    db.close();
  }
});
