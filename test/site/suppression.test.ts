/**
 * Secondary suppression on tables with parts and totals: nothing suppressed comes back by
 * subtraction, alone or by combining the table's sums; and few cells are given up for it.
 */
import { describe, expect, it } from "vitest";
import { attackRows, attackTables, differencingAttack, exposedCells, primaryCells, protect, suppressTable, suppressTables, tablesOf, type Link, type Relation, type Table, type TableShape } from "../../src/site/suppression.ts";

/** A table of rows × columns with a total row ("ALL") and a total column ("all"), as the pages' tables have. */
function grid(values: Record<string, Record<string, number>>): Table {
  const rows = Object.keys(values);
  const columns = Object.keys(values[rows[0]!]!);
  const cells = new Map<string, number>();
  for (const row of rows) for (const column of columns) cells.set(`${row}/${column}`, values[row]![column]!);
  for (const column of columns) cells.set(`ALL/${column}`, rows.reduce((sum, row) => sum + values[row]![column]!, 0));
  for (const row of [...rows, "ALL"]) cells.set(`${row}/all`, columns.reduce((sum, column) => sum + cells.get(`${row}/${column}`)!, 0));
  const relations: Relation[] = [
    ...[...rows, "ALL"].map((row) => ({ total: `${row}/all`, parts: columns.map((column) => `${row}/${column}`) })),
    ...[...columns, "all"].map((column) => ({ total: `ALL/${column}`, parts: rows.map((row) => `${row}/${column}`) })),
  ];
  return { cells, relations };
}

/** The fewest cells to suppress, by trying every set of complements in order of size (small tables only). */
function exhaustiveMinimum(table: Table, threshold: number): number {
  const primary = primaryCells(table.cells, threshold);
  const others = [...table.cells.keys()].filter((id) => !primary.has(id));
  for (let extra = 0; extra <= others.length; extra++) {
    for (const combination of combinations(others, extra)) {
      if (exposedCells(table, new Set([...primary, ...combination])).length === 0) return primary.size + extra;
    }
  }
  return table.cells.size;
}

function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) return yield [];
  for (let i = start; i <= items.length - size; i++) for (const rest of combinations(items, size - 1, i + 1)) yield [items[i]!, ...rest];
}

describe("the attacks", () => {
  const table = grid({ S1: { leader: 3, middle: 12 }, S2: { leader: 6, middle: 9 } });

  it("a total minus its published parts gives back a lone suppressed cell", () =>
    expect(differencingAttack(table, new Set(["S1/leader"]))).toEqual(new Map([["S1/leader", 3]])));

  it("repeated, it follows a chain: what one relation gives back opens another", () => {
    // S1/leader and S1/all hidden: the column total gives S1/leader, then the row gives S1/all.
    expect(differencingAttack(table, new Set(["S1/leader", "S1/all"]))).toEqual(new Map([["S1/leader", 3], ["S1/all", 15]]));
  });

  it("elimination finds what no single relation gives: three cells in three equations", () => {
    // S1/leader + S1/middle = S1/all (published), S1/leader + S2/leader = ALL/leader, S1/middle + S2/leader = ?
    // Each relation holds two hidden cells, yet together they pin all three down.
    const triangle: Table = {
      cells: new Map([["a", 2], ["b", 5], ["c", 7], ["ab", 7], ["ac", 9], ["bc", 12]]),
      relations: [
        { total: "ab", parts: ["a", "b"] },
        { total: "ac", parts: ["a", "c"] },
        { total: "bc", parts: ["b", "c"] },
      ],
    };
    const hidden = new Set(["a", "b", "c"]);
    expect(differencingAttack(triangle, hidden)).toEqual(new Map());
    expect(exposedCells(triangle, hidden)).toEqual(["a", "b", "c"]);
  });

  it("a rectangle of four hidden cells in a 2×2 block cannot be solved (one degree of freedom)", () =>
    expect(exposedCells(table, new Set(["S1/leader", "S1/middle", "S2/leader", "S2/middle"]))).toEqual([]));
});

describe("protect", () => {
  it.each<[string, Record<string, Record<string, number>>, number]>([
    ["one small cell in a 2×2 table: three complements close the rectangle", { S1: { leader: 3, middle: 12 }, S2: { leader: 6, middle: 9 } }, 4],
    ["two small cells in one column: one complement in each row", { S1: { leader: 1, middle: 12 }, S2: { leader: 2, middle: 9 }, S3: { leader: 7, middle: 30 } }, 4],
    ["small cells already forming a rectangle need nothing more", { S1: { leader: 1, middle: 4 }, S2: { leader: 6, middle: 7 }, S3: { leader: 2, middle: 3 } }, 4],
    ["no small cell: nothing suppressed", { S1: { leader: 5, middle: 12 }, S2: { leader: 6, middle: 9 } }, 0],
  ])("%s", (_, values, expected) => {
    const table = grid(values);
    const suppressed = protect(table, 5);
    expect(suppressed.size).toBe(expected);
    expect(exposedCells(table, suppressed)).toEqual([]);
    expect(differencingAttack(table, suppressed)).toEqual(new Map());
    expect(suppressed.size).toBe(exhaustiveMinimum(table, 5));
  });

  it("a one-principal school: its count, and the cell that would give it back, both go", () => {
    // 干部结构: leaders + middle = all cadres, per school; the county row sums the schools.
    const table = grid({ S1: { leader: 1, middle: 8 }, S2: { leader: 3, middle: 11 }, S3: { leader: 6, middle: 14 } });
    const suppressed = protect(table, 5);
    expect(suppressed.has("S1/leader")).toBe(true);
    expect(suppressed.has("S1/middle") || suppressed.has("S1/all")).toBe(true);
    expect(differencingAttack(table, suppressed)).toEqual(new Map());
  });

  it("leaves zeros published and prefers a part to its total", () => {
    const table: Table = {
      cells: new Map([["total", 20], ["a", 2], ["b", 0], ["c", 18]]),
      relations: [{ total: "total", parts: ["a", "b", "c"] }],
    };
    expect([...protect(table, 5)].sort()).toEqual(["a", "c"]);
  });

  it.each([1, 2, 3, 4, 5, 6])("random county tables (seed %i): nothing comes back, by subtraction or elimination", (seed) => {
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const values: Record<string, Record<string, number>> = {};
    for (let school = 0; school < 30; school++) {
      values[`S${school}`] = { leader: Math.floor(random() * 5), middle: Math.floor(random() * 14), teacher: 5 + Math.floor(random() * 60) };
    }
    const table = grid(values);
    const suppressed = protect(table, 5);
    for (const cell of primaryCells(table.cells, 5)) expect(suppressed.has(cell)).toBe(true);
    expect(differencingAttack(table, suppressed)).toEqual(new Map());
    expect(exposedCells(table, suppressed)).toEqual([]);
  });
});

describe("page tables: rows with total rows, before and after secondary suppression", () => {
  const shape: TableShape = {
    keys: [{ column: "school_id", total: "ALL" }, { column: "post_group", total: "全体" }],
    counts: ["cadres"],
    derived: { mean_age: ["cadres"] },
  };
  /** 干部结构's summary for a county of one-principal schools: leaders, middle cadres and all, per school and county. */
  function oneLeaderCounty(): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    const county = { 校级领导: [0, 0], 中层干部: [0, 0] } as Record<string, [number, number]>;
    for (let s = 1; s <= 12; s++) {
      const leaderAge = 44 + s;
      const middle = 5 + (s % 4);
      const middleAges = middle * (38 + (s % 3));
      const add = (group: string, n: number, ageSum: number) => {
        rows.push({ school_id: `S${s}`, post_group: group, cadres: n, mean_age: ageSum / n });
        county[group] = [county[group]![0] + n, county[group]![1] + ageSum];
      };
      add("校级领导", 1, leaderAge);
      add("中层干部", middle, middleAges);
      rows.push({ school_id: `S${s}`, post_group: "全体", cadres: 1 + middle, mean_age: (leaderAge + middleAges) / (1 + middle) });
    }
    for (const group of ["校级领导", "中层干部"]) rows.push({ school_id: "ALL", post_group: group, cadres: county[group]![0], mean_age: county[group]![1] / county[group]![0] });
    const all = county["校级领导"]![0] + county["中层干部"]![0];
    rows.push({ school_id: "ALL", post_group: "全体", cadres: all, mean_age: (county["校级领导"]![1] + county["中层干部"]![1]) / all });
    return rows;
  }

  it("primary suppression alone: each school's one principal comes back as 全体 − 中层干部, and with it the principal's age", () => {
    // the same table with no totals declared: primary suppression alone
    const published = suppressTable(oneLeaderCounty(), { ...shape, keys: shape.keys.map(({ column }) => ({ column })) }, 5);
    const { recovered } = attackRows(published, shape);
    expect(recovered.get("S1|校级领导#cadres")).toBe(1);
    expect([...recovered.keys()].filter((id) => id.endsWith("校级领导#cadres"))).toHaveLength(12);
    // The mean ages beside it give the principal's age: 全体 × mean − 中层 × mean.
    const row = (group: string) => published.find((r) => r.school_id === "S1" && r.post_group === group)!;
    const principalAge = Number(row("全体").cadres) * Number(row("全体").mean_age) - Number(row("中层干部").cadres) * Number(row("中层干部").mean_age);
    expect(principalAge).toBeCloseTo(45, 6);
  });

  it("with secondary suppression nothing comes back, and no mean is left beside a hidden count", () => {
    const published = suppressTable(oneLeaderCounty(), shape, 5);
    const { recovered, exposed } = attackRows(published, shape);
    expect(recovered).toEqual(new Map());
    expect(exposed).toEqual([]);
    for (const row of published) if (row.cadres === null) expect(row.mean_age).toBeNull();
    // Every school's leader count is hidden; so is one more cell in each school's row.
    for (let s = 1; s <= 12; s++) {
      const hidden = published.filter((row) => row.school_id === `S${s}` && row.cadres === null).map((row) => row.post_group);
      expect(hidden).toContain("校级领导");
      expect(hidden.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("linked tables: two tables that count the same people two ways", () => {
  // Cadres per school by title and by education: each school's rows add up to the same number in both.
  const rows = (counts: Record<string, Record<string, number>>, column: string) =>
    Object.entries(counts).flatMap(([school_id, byValue]) => Object.entries(byValue).map(([value, count]) => ({ school_id, [column]: value, count })));
  const byTitle = rows({ S1: { 高级: 2, 一级: 9 }, S2: { 高级: 6, 一级: 7 } }, "title");
  const byEducation = rows({ S1: { 本科: 8, 研究生: 3 }, S2: { 本科: 10, 研究生: 3 } }, "education");
  const shape = (column: string): TableShape => ({ keys: [{ column: "school_id" }, { column }], counts: ["count"] });
  const tables = { titles: { rows: byTitle, shape: shape("title") }, education: { rows: byEducation, shape: shape("education") } };
  const links: Link[] = [{ sides: (["titles", "education"] as const).map((table) => ({ table, count: "count", key: (row) => String(row.school_id) })) }];

  it("suppressed one at a time, the other table's sum gives a hidden cell back", () => {
    const apart = { titles: { rows: suppressTable(byTitle, shape("title"), 5), shape: shape("title") }, education: { rows: suppressTable(byEducation, shape("education"), 5), shape: shape("education") } };
    // S2: 6 + 7 by title = 10 + the hidden 研究生 by education
    expect(attackTables(apart, links).recovered).toEqual(new Map([["education/S2|研究生#count", 3]]));
  });

  it("suppressed together, nothing comes back, and the shared sum stays unpublished", () => {
    const together = suppressTables(tables, links, 5);
    const published = { titles: { rows: together.titles, shape: shape("title") }, education: { rows: together.education, shape: shape("education") } };
    expect(attackTables(published, links)).toEqual({ recovered: new Map(), exposed: [] });
    expect(tablesOf(tables, links).unpublished).toEqual(new Set(["link0:S1", "link0:S2"]));
  });

  it("a declared total that is not one stops the build, naming it", () => {
    const wrong = [{ school_id: "S1", n: 3 }, { school_id: "S2", n: 9 }, { school_id: "ALL", n: 11 }];
    expect(() => suppressTable(wrong, { keys: [{ column: "school_id", total: "ALL" }], counts: ["n"] }, 5)).toThrow(/ALL#n is not the sum of S1#n \+ S2#n/);
  });

  it("a total row without its parts in the table makes no sum (its parts are published elsewhere, or not at all)", () => {
    const countyOnly = [{ school_id: "ALL", group: "leader", n: 3 }, { school_id: "S1", group: "teacher", n: 9 }, { school_id: "ALL", group: "teacher", n: 9 }];
    const table = tablesOf({ "": { rows: countyOnly, shape: { keys: [{ column: "school_id", total: "ALL" }, { column: "group" }], counts: ["n"] } } });
    expect(table.relations).toEqual([{ total: "ALL|teacher#n", parts: ["S1|teacher#n"] }]);
  });
});
