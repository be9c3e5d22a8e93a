/**
 * A row whose numbers and dates are all plain (plainForm: plain digits, a plain decimal, an ISO
 * date) is typed by casts alone (validate.ts). That must give what the full way gives, the
 * contract's reading of the normalised text (typedExpression over cb_norm), for every text of
 * that form: checked on the texts where a cast is looser than the contract and on many random
 * texts made of digits, separators and the characters around them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainForm, plainTypedExpression, typedExpression } from "../../data-loaders/cell-checks.ts";
import { installMacros } from "../../data-loaders/sql-macros.ts";
import { recordFiles, type ColumnSpec } from "../../src/contract.ts";
import { openDatabase, queryJson, type Database } from "../../src/warehouse/duckdb.ts";
import { random } from "../faults/harness.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
  await installMacros(db.connection);
});
afterAll(() => db.close());

const column = (file: string, name: string): ColumnSpec =>
  recordFiles.find((spec) => spec.name === file)!.columns.find((candidate) => candidate.name === name)!;
const columns = [column("appraisals", "year"), column("appraisals", "score"), column("staff", "birth_date")];

/**
 * Of the texts, those of the column's plain form, with their plain and full readings where these
 * differ, or where normalising would change the text (a plain cell must be its own normalised text).
 */
async function disagreements(spec: ColumnSpec, texts: readonly string[]): Promise<{ plain: number; differing: unknown[] }> {
  const n = `"n_${spec.name}"`;
  const rows = await queryJson(
    db.connection,
    `with texts as (select unnest(string_split($texts, chr(31))) as ${n}),
     plain as (select ${n}, cast(${plainTypedExpression(spec)} as varchar) as plain, cast(${typedExpression(spec)} as varchar) as full
       from texts where regexp_full_match(${n}, $form))
     select *, cb_norm(${n}) is distinct from ${n} as normalises from plain`,
    { texts: texts.join("\u001f"), form: plainForm(spec)! },
  );
  return { plain: rows.length, differing: rows.filter((row) => row.plain !== row.full || row.normalises) };
}

/** Texts where DuckDB's cast reads more than the contract does, or reads otherwise. */
const castPitfalls = [
  "1.5", "1.", ".5", "+5", "-5", "007", "1e2", "1_000", "0x10", "inf", "nan", " 5", "5 ", "\u000b5", "2147483647", "2147483648",
  "999999999", "9999999999", "1".repeat(400), `1${"0".repeat(400)}.5`, "0", "0.0", "12.50", "1,000", "１２",
  "2019-09-01", "1899-12-31", "1900-01-01", "0019-09-01", "2019-02-29", "2020-02-29", "2019-13-01", "2019-9-1", "2019-09-01 ",
];

describe("a plain cell typed by a cast alone reads as the full way reads it", () => {
  it.each(columns.map((spec) => [spec.type, spec] as const))("%s: where a cast is looser than the contract", async (_type, spec) => {
    const { plain, differing } = await disagreements(spec, castPitfalls);
    expect(plain).toBeGreaterThan(0);
    expect(differing).toEqual([]);
  });

  it.each(columns.map((spec) => [spec.type, spec] as const))("%s: on 20,000 random texts", async (_type, spec) => {
    const next = random(20261203);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const characters = ["0", "1", "2", "5", "9", "0", "1", "2", "5", "9", ".", "-", "+", "e", ",", " ", "１", "\u3000"];
    const shapes = ["dddd", "dd", "d.d", "ddd.dd", "ddddddddd", "dddddddddd", "dddd-dd-dd", "dddd-dd-dd", "dddddddddddddddd.dddddddddddddddd"];
    const texts = Array.from({ length: 20_000 }, () =>
      // A shape of a plain cell with now and then a character changed, or a random text
      next() < 0.7
        ? [...pick(shapes)].map((char) => (next() < 0.05 ? pick(characters) : char === "d" ? String(Math.floor(next() * 10)) : char)).join("")
        : Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(characters)).join(""),
    );
    const { plain, differing } = await disagreements(spec, texts);
    expect(plain).toBeGreaterThan(1000);
    expect(differing).toEqual([]);
  });
});
