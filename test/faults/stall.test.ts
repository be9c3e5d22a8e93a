/** A damaged workbook can leave exceljs's streaming reader waiting forever: the guard turns that into an error. */
import { describe, expect, it } from "vitest";
import { guardStalls, StalledReadError } from "../../data-loaders/xlsx-source.ts";

describe("guardStalls", () => {
  it("passes rows through and fails a reader that stops without an error", async () => {
    async function* stuck() {
      yield 1;
      yield 2;
      await new Promise(() => {}); // never settles, as exceljs does on some damaged zips
    }
    const seen: number[] = [];
    const read = async () => {
      for await (const row of guardStalls(stuck(), 200)) seen.push(row);
    };
    await expect(read()).rejects.toBeInstanceOf(StalledReadError);
    expect(seen).toEqual([1, 2]);
  });
});
