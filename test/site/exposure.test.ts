/**
 * Which suppressed cells the sums pin down: the fast elimination (short equations settled first)
 * gives the same cells as the definition, on random tables shaped like the pages' (totals over
 * parts, chains of sums, shared cells nobody publishes).
 */
import { describe, expect, it } from "vitest";
import { exposedCells } from "../../src/site/exposure.ts";
import type { Relation, Table } from "../../src/site/suppression.ts";
import { random } from "../faults/harness.ts";

/**
 * The definition, computed another way: a suppressed cell is pinned down exactly when no
 * solution of the equations can move it, i.e. when leaving its column out lowers the rank of the
 * equations over the suppressed cells. Ranks by fraction-free (Bareiss) elimination: exact on
 * integers, and the tables are small.
 */
function pinnedByRank(table: Table, suppressed: ReadonlySet<string>): string[] {
  const unknowns = [...suppressed].sort();
  const matrix = table.relations.map(({ total, parts }) => unknowns.map((cell) => Number(cell === total) - parts.filter((part) => part === cell).length));
  const full = rank(matrix);
  return unknowns.filter((cell, at) => !table.unpublished?.has(cell) && rank(matrix.map((row) => row.filter((_, i) => i !== at))) < full);
}

function rank(rows: number[][]): number {
  const m = rows.map((row) => [...row]);
  const columns = m[0]?.length ?? 0;
  let rank = 0;
  let previous = 1;
  for (let column = 0; column < columns && rank < m.length; column++) {
    const pivot = m.findIndex((row, r) => r >= rank && row[column] !== 0);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    for (let r = rank + 1; r < m.length; r++) {
      for (let c = column + 1; c < columns; c++) m[r]![c] = (m[rank]![column]! * m[r]![c]! - m[r]![column]! * m[rank]![c]!) / previous;
      m[r]![column] = 0;
    }
    previous = m[rank]![column]!;
    rank++;
  }
  return rank;
}

/**
 * A random table: totals over parts (and totals of totals), sums two totals share through a cell
 * nobody publishes, a part counted twice, and some cells suppressed.
 */
function randomCase(seed: number): { table: Table; suppressed: Set<string> } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const cellCount = 4 + Math.floor(next() * 14);
  const cells = Array.from({ length: cellCount }, (_, i) => `c${String(i).padStart(2, "0")}`);
  const relations: Relation[] = [];
  const relationCount = 1 + Math.floor(next() * cellCount * 0.8);
  for (let r = 0; r < relationCount; r++) {
    const total = pick(cells);
    const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(cells.filter((cell) => cell !== total)));
    relations.push({ total, parts });
  }
  const unpublished = new Set(next() < 0.4 ? [pick(cells)] : []);
  const suppressed = new Set([...unpublished, ...cells.filter(() => next() < 0.2 + next() * 0.6)]);
  return { table: { cells: new Map(cells.map((cell) => [cell, 0])), relations, unpublished }, suppressed };
}

describe("exposedCells", () => {
  it.each([
    ["a cell alone in a sum", [{ total: "t", parts: ["a"] }], ["a"], ["a"]],
    ["two cells in a sum: neither", [{ total: "t", parts: ["a", "b"] }], ["a", "b"], []],
    ["a chain of two-cell sums ending in a known cell", [{ total: "a", parts: ["b"] }, { total: "b", parts: ["c", "p"] }, { total: "c", parts: ["x"] }], ["a", "b", "c"], ["a", "b", "c"]],
    ["a triangle of sums: three equations, three cells", [{ total: "a", parts: ["b", "p"] }, { total: "b", parts: ["c", "q"] }, { total: "a", parts: ["c", "r"] }, { total: "c", parts: ["p", "q"] }], ["a", "b", "c"], ["a", "b", "c"]],
    ["a substitution that cancels: a − b and a − b − c give c", [{ total: "a", parts: ["b"] }, { total: "a", parts: ["b", "c"] }], ["a", "b", "c"], ["c"]],
    ["a part counted twice", [{ total: "t", parts: ["a", "a", "b"] }, { total: "b", parts: ["p"] }], ["a", "b"], ["a", "b"]],
  ])("%s", (_why, relations, suppressed, expected) => {
    const table: Table = { cells: new Map(), relations };
    expect(exposedCells(table, new Set(suppressed))).toEqual(expected);
    expect(pinnedByRank(table, new Set(suppressed))).toEqual(expected);
  });

  it("leaves out the cells nobody publishes", () => {
    const table: Table = { cells: new Map(), relations: [{ total: "sum", parts: ["p", "q"] }, { total: "sum", parts: ["a", "r"] }], unpublished: new Set(["sum"]) };
    expect(exposedCells(table, new Set(["sum", "a"]))).toEqual(["a"]);
  });

  it("agrees with the rank definition on 3,000 random tables", () => {
    let pinnedSome = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const { table, suppressed } = randomCase(seed);
      const expected = pinnedByRank(table, suppressed);
      expect(exposedCells(table, suppressed), `seed ${seed}`).toEqual(expected);
      if (expected.length > 0 && expected.length < suppressed.size - (table.unpublished?.size ?? 0)) pinnedSome++;
    }
    // The tables are not all trivial: many have some suppressed cells pinned down and others not.
    expect(pinnedSome).toBeGreaterThan(300);
  });
});
