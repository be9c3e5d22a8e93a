import { describe, expect, it } from "vitest";
import { cellMatches, compareRows, parseCsv } from "../../bench/compare.ts";

describe("parseCsv", () => {
  it("reads DuckDB's CSV: quotes only where needed, doubled quotes inside, empty for null", () => {
    expect(parseCsv('a,b,c\n1,"x, ""y""",\n2,z,true\n')).toEqual([
      { a: "1", b: 'x, "y"', c: "" },
      { a: "2", b: "z", c: "true" },
    ]);
  });
});

describe("cellMatches", () => {
  it.each([
    ["", null, "equal", "NULL is an empty cell"],
    ["", "", "equal", "an empty string too"],
    ["true", true, "equal", "boolean"],
    ["false", true, "different", "boolean differs"],
    ["13.41", 13.41, "equal", "same double"],
    ["0.14264044943820223", 0.1426404494382023, "near", "last bits of a sum"],
    ["0.142", 0.143, "different", "a real difference"],
    ["9", 10, "different", "integers must be exact"],
    ["", 0, "different", "NULL is not zero"],
    ["ROT-T9", "ROT-T9", "equal", "text"],
  ] as [string, unknown, string, string][])("SQL %j vs arquero %j → %s (%s)", (expected, actual, verdict) => {
    expect(cellMatches(expected, actual)).toBe(verdict);
  });
});

describe("compareRows", () => {
  const sql = [
    { staff_id: "T2", due: "false", years_in_school: "3.5" },
    { staff_id: "T1", due: "true", years_in_school: "9" },
  ];
  it("matches rows by key whatever their order", () => {
    const result = compareRows(sql, [{ staff_id: "T1", due: true, years_in_school: 9 }, { staff_id: "T2", due: false, years_in_school: 3.5 }], ["staff_id"]);
    expect(result.differences).toEqual([]);
    expect(result.rows).toBe(2);
  });
  it("names a different cell, a missing row, an extra row and a missing column", () => {
    const result = compareRows(sql, [{ staff_id: "T1", due: false, years_in_school: 9 }, { staff_id: "T3", due: true }], ["staff_id"]);
    expect(result.differences).toEqual([
      'row T1, due: SQL "true", arquero "false"',
      "row T2: only in SQL",
      "row T3: only in arquero",
    ]);
    const missingColumn = compareRows(sql, [{ staff_id: "T1", due: true }, { staff_id: "T2", due: false, years_in_school: 3.5 }], ["staff_id"]);
    expect(missingColumn.differences).toEqual(["column years_in_school: missing from the arquero rows"]);
  });
});

describe("compareRows on the decision columns", () => {
  it("ignores a column not asked for (an explanation sentence) and names one the SQL lacks", () => {
    const sql = [{ staff_id: "T1", due: "true", explanation: "在本校连续任教9.0年，应交流轮岗（ROT-T9）" }];
    const arquero = [{ staff_id: "T1", due: true, explanation: "anything" }];
    expect(compareRows(sql, arquero, ["staff_id"], ["staff_id", "due"]).differences).toEqual([]);
    expect(compareRows(sql, arquero, ["staff_id"]).differences).toEqual(['row T1, explanation: SQL "在本校连续任教9.0年，应交流轮岗（ROT-T9）", arquero "anything"']);
    expect(compareRows(sql, arquero, ["staff_id"], ["staff_id", "exempt"]).differences).toEqual(["column exempt: missing from the SQL rows"]);
  });
});
