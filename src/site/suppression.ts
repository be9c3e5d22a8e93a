/**
 * Secondary (complementary) suppression for the public build, as statistical offices do it
 * (τ-ARGUS is the reference): after the primary suppression of counts from 1 to threshold − 1,
 * suppress further cells so that no suppressed cell can be worked out exactly from the published
 * ones and the table's sums (a total and its parts).
 *
 * A table is a set of cells (id → count) and relations (a total cell = the sum of its part
 * cells). The attacker knows every published cell and every relation. A suppressed cell is
 * exposed when the equations pin it down: one relation with a single suppressed cell (a total
 * minus its published parts), or several relations together (src/site/exposure.ts).
 *
 * The choice of complements is greedy, as τ-ARGUS's hypercube method is: in a relation that
 * would expose a cell, suppress the smallest published cell that is not zero (zero is a fact
 * about nobody, and a suppressed zero protects nothing: the attacker knows counts are ≥ 0), a
 * part before the total. It is not guaranteed to be the fewest cells possible (that is a mixed
 * integer problem); the tests compare it with the exhaustive minimum on small tables.
 */

import { exposedCells } from "./exposure.ts";

export { exposedCells };

export interface Relation {
  total: string;
  parts: readonly string[];
}

export interface Table {
  /** Every cell's count. */
  cells: ReadonlyMap<string, number>;
  relations: readonly Relation[];
  /** Cells nobody publishes (a sum two tables share): unknown to the attacker, never suppressed or shown. */
  unpublished?: ReadonlySet<string>;
}

/** Primary suppression: a count of 1 to threshold − 1 people. Zero identifies nobody. */
export const isSmallCount = (value: unknown, threshold: number): boolean => typeof value === "number" && value > 0 && value < threshold;

/** The cells primary suppression hides. */
export const primaryCells = (cells: ReadonlyMap<string, number>, threshold: number): Set<string> =>
  new Set([...cells].filter(([, value]) => isSmallCount(value, threshold)).map(([id]) => id));

/** The cells to suppress: the primary ones, and the complements that keep each of them from being worked out. */
export function protect(table: Table, threshold: number): Set<string> {
  // A relation the numbers break is a page declaring a sum that is not one: it would hide cells
  // for nothing, or leave one exposed through a sum it does not know.
  const [broken] = brokenRelations(table);
  if (broken) throw new Error(`suppression: ${broken.total} is not the sum of ${broken.parts.join(" + ") || "nothing"}. The page's table shape names a total that is not one: correct it.`);
  const unpublished = table.unpublished ?? new Set<string>();
  const primary = primaryCells(new Map([...table.cells].filter(([id]) => !unpublished.has(id))), threshold);
  if (primary.size === 0) return primary;
  const suppressed = new Set([...primary, ...unpublished]);
  const byCell = relationsByCell(table.relations);
  for (let guard = 0; guard <= table.cells.size; guard++) {
    const exposed = exposedCells(table, suppressed);
    if (exposed.length === 0) return new Set([...suppressed].filter((id) => !unpublished.has(id)));
    // One elimination per round: a cell whose relations got a complement this round may be
    // covered by it, so it waits for the next round's check.
    const mended = new Set<Relation>();
    let added = false;
    for (const id of exposed) {
      if ((byCell.get(id) ?? []).some((relation) => mended.has(relation))) continue;
      const complement = bestComplement(id, table, suppressed, byCell);
      if (complement !== undefined) {
        suppressed.add(complement);
        for (const relation of byCell.get(complement) ?? []) mended.add(relation);
        added = true;
      }
    }
    if (!added) throw new Error(`suppression: cells ${exposed.join(", ")} stay exposed and no cell is left to suppress beside them.`);
  }
  throw new Error("suppression: did not settle");
}

/** The relations whose total is not the sum of its parts. */
export const brokenRelations = (table: Table): Relation[] =>
  table.relations.filter(({ total, parts }) => table.cells.get(total) !== parts.reduce((sum, part) => sum + table.cells.get(part)!, 0));

/**
 * For an exposed cell: the cell to suppress with it. A relation that holds the exposed cell and
 * only one suppressed cell is the first to mend; else any relation of the cell. Within it: the
 * smallest non-zero published part, then the total, then a zero. When every cell of the cell's
 * relations is suppressed already, the sums pinning it down run through those cells: the search
 * goes on to their relations, and so on outwards (linked tables make such chains).
 */
function bestComplement(id: string, table: Table, suppressed: ReadonlySet<string>, byCell: Map<string, Relation[]>): string | undefined {
  const seen = new Set([id]);
  for (let layer = [id]; layer.length > 0; ) {
    const relations = layer.flatMap((cell) => byCell.get(cell) ?? []).sort((a, b) => suppressedIn(a, suppressed) - suppressedIn(b, suppressed));
    for (const relation of relations) {
      const candidates = [...relation.parts.map((part) => ({ cell: part, isTotal: false })), { cell: relation.total, isTotal: true }]
        .filter(({ cell }) => !suppressed.has(cell))
        .map(({ cell, isTotal }) => ({ cell, isTotal, value: table.cells.get(cell) ?? 0 }));
      candidates.sort((a, b) => Number(a.value === 0) - Number(b.value === 0) || Number(a.isTotal) - Number(b.isTotal) || a.value - b.value || a.cell.localeCompare(b.cell));
      if (candidates[0]) return candidates[0].cell;
    }
    layer = [...new Set(relations.flatMap((relation) => [relation.total, ...relation.parts]))].filter((cell) => !seen.has(cell));
    for (const cell of layer) seen.add(cell);
  }
  return undefined;
}

const suppressedIn = (relation: Relation, suppressed: ReadonlySet<string>): number =>
  [relation.total, ...relation.parts].filter((cell) => suppressed.has(cell)).length;

function relationsByCell(relations: readonly Relation[]): Map<string, Relation[]> {
  const byCell = new Map<string, Relation[]>();
  for (const relation of relations) {
    for (const cell of [relation.total, ...relation.parts]) {
      const list = byCell.get(cell);
      if (list) list.push(relation);
      else byCell.set(cell, [relation]);
    }
  }
  return byCell;
}

/**
 * The differencing attack, repeated until it learns nothing more: in every relation with one
 * unknown cell, that cell is the total minus the parts (or a part is the total minus the others).
 * Returns what it worked out: cell → value.
 */
export function differencingAttack(table: Table, suppressed: ReadonlySet<string>): Map<string, number> {
  const known = new Map([...table.cells].filter(([id]) => !suppressed.has(id)));
  const recovered = new Map<string, number>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const relation of table.relations) {
      const unknown = [relation.total, ...relation.parts].filter((cell) => !known.has(cell));
      if (unknown.length !== 1) continue;
      const [cell] = unknown as [string];
      const partsSum = relation.parts.filter((part) => part !== cell).reduce((sum, part) => sum + known.get(part)!, 0);
      const value = cell === relation.total ? partsSum : known.get(relation.total)! - partsSum;
      known.set(cell, value);
      recovered.set(cell, value);
      progress = true;
    }
  }
  return recovered;
}

/**
 * A page table's shape, for the suppression above: which columns name a row (and the value that
 * stands for "all of them" in a total row), which hold counts, which counts are sums of others
 * in the same row, and which columns (means, shares) are computed from which counts.
 */
export interface TableShape {
  keys: readonly { column: string; total?: string }[];
  counts: readonly string[];
  sums?: readonly Relation[];
  derived?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Tables whose sums tie them together: for each key a side's rows give, every side's counts add
 * up to the same number (the cadres by title and by education both sum to the school's cadres).
 * A side is the rows of one table, grouped by `key` (null: the row is not in the link).
 */
export interface Link {
  sides: readonly { table: string; count: string; key: (row: Record<string, unknown>) => string | null }[];
}

/** Named tables as the page publishes them, each with its shape. */
export type NamedTables = Record<string, { rows: readonly Record<string, unknown>[]; shape: TableShape }>;

const cellId = (table: string, row: Record<string, unknown>, shape: TableShape, count: string) =>
  `${table ? `${table}/` : ""}${shape.keys.map(({ column }) => String(row[column])).join("|")}#${count}`;

/**
 * The tables as cells and relations: a total row is the sum of the rows it totals; a sum column
 * the sum of its parts; a link's sides are equal, through a cell of its own that nobody publishes.
 */
export function tablesOf(tables: NamedTables, links: readonly Link[] = []): Table {
  const cells = new Map<string, number>();
  const relations: Relation[] = [];
  for (const [name, { rows, shape }] of Object.entries(tables)) {
    const id = (row: Record<string, unknown>, count: string) => cellId(name, row, shape, count);
    for (const row of rows) for (const count of shape.counts) cells.set(id(row, count), Number(row[count] ?? 0));
    shape.keys.forEach(({ column, total }, k) => {
      if (total === undefined) return;
      // Rows that differ only in this key: the one with the total value sums the others.
      const groups = new Map<string, { total?: Record<string, unknown>; parts: Record<string, unknown>[] }>();
      for (const row of rows) {
        const rest = shape.keys.filter((_, i) => i !== k).map((key) => String(row[key.column])).join("|");
        const group = groups.get(rest) ?? { parts: [] };
        if (String(row[column]) === total) group.total = row;
        else group.parts.push(row);
        groups.set(rest, group);
      }
      for (const group of groups.values()) {
        // A total without a part in the table: its parts are not published here (the public
        // 干部结构 has the county's staff per post group, not each school's).
        if (!group.total || group.parts.length === 0) continue;
        for (const count of shape.counts) relations.push({ total: id(group.total, count), parts: group.parts.map((row) => id(row, count)) });
      }
    });
    for (const row of rows) for (const sum of shape.sums ?? []) relations.push({ total: id(row, sum.total), parts: sum.parts.map((part) => id(row, part)) });
  }
  const unpublished = new Set<string>();
  links.forEach((link, l) => {
    const sides = link.sides.map(({ table, count, key }) => {
      const byKey = new Map<string, string[]>();
      const { rows, shape } = tables[table]!;
      for (const row of rows) {
        const at = key(row);
        if (at === null) continue;
        // appended in place: a copy per row is quadratic in a key's rows (a school year's 1,333 schools)
        const cells = byKey.get(at);
        if (cells) cells.push(cellId(table, row, shape, count));
        else byKey.set(at, [cellId(table, row, shape, count)]);
      }
      return byKey;
    });
    for (const at of new Set(sides.flatMap((side) => [...side.keys()]))) {
      const sum = `link${l}:${at}`;
      cells.set(sum, sides.find((side) => side.has(at))!.get(at)!.reduce((total, cell) => total + cells.get(cell)!, 0));
      unpublished.add(sum);
      // A side with no row for the key does not count that group (the pyramid has no 全体 rows):
      // it says nothing about it.
      for (const side of sides) if (side.has(at)) relations.push({ total: sum, parts: side.get(at)! });
    }
  });
  return { cells, relations, unpublished };
}

/**
 * The public build's tables: primary and secondary suppression over all of them together, each
 * suppressed count null and named in the row's `suppressed`, and the means and shares computed
 * from it null with it.
 */
export function suppressTables<T extends NamedTables>(tables: T, links: readonly Link[], threshold: number): { [K in keyof T]: Suppressed<T[K]["rows"][number]>[] } {
  const hidden = protect(tablesOf(tables, links), threshold);
  const out: Record<string, unknown[]> = {};
  for (const [name, { rows, shape }] of Object.entries(tables)) {
    out[name] = rows.map((row) => {
      const copy: Record<string, unknown> = { ...row };
      const suppressed = shape.counts.filter((count) => hidden.has(cellId(name, row, shape, count)));
      for (const [column, sources] of Object.entries(shape.derived ?? {})) if (sources.some((source) => suppressed.includes(source))) suppressed.push(column);
      for (const column of suppressed) copy[column] = null;
      return suppressed.length > 0 ? { ...copy, suppressed } : copy;
    });
  }
  return out as { [K in keyof T]: Suppressed<T[K]["rows"][number]>[] };
}

/** One table's suppression (suppressTables for a table with no links). */
export const suppressTable = <T extends Record<string, unknown>>(rows: readonly T[], shape: TableShape, threshold: number): Suppressed<T>[] =>
  suppressTables({ "": { rows, shape } }, [], threshold)[""];

/** A suppressed count or a figure computed from one: null in the public build, its column named in `suppressed`. */
export type Suppressed<T> = T & { suppressed?: string[] };

/** The attack on published tables (a suppressed count is null): what subtraction, then elimination, gives back. */
export function attackTables(tables: NamedTables, links: readonly Link[] = []): { recovered: Map<string, number>; exposed: string[] } {
  const table = tablesOf(tables, links);
  const suppressed = new Set(table.unpublished);
  for (const [name, { rows, shape }] of Object.entries(tables)) {
    for (const row of rows) for (const count of shape.counts) if (row[count] === null || row[count] === undefined) suppressed.add(cellId(name, row, shape, count));
  }
  const recovered = differencingAttack(table, suppressed);
  for (const cell of table.unpublished ?? []) recovered.delete(cell);
  return { recovered, exposed: exposedCells(table, suppressed) };
}

/** The attack on one published table. */
export const attackRows = (rows: readonly Record<string, unknown>[], shape: TableShape) => attackTables({ "": { rows, shape } });
