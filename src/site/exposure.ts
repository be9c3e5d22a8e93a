/**
 * Which suppressed cells the table's sums pin down (src/site/suppression.ts asks this after
 * every round of complements). Each relation is an equation over the suppressed cells (published
 * cells moved to the other side); a cell is pinned down when some combination of the equations
 * leaves it alone, i.e. its unit row is in the equations' row space.
 *
 * Eliminating every equation at once (Gauss–Jordan, kept fully reduced) is exact but costs
 * minutes for a county of 1,300 schools: the linked 干部结构 tables give 22,000 equations over
 * 45,000 suppressed cells, and each new pivot is taken out of thousands of rows. Nearly all of
 * those equations are short, so most of the system is settled first by steps that keep the
 * answer for every cell and need no arithmetic beyond a substitution:
 *
 * - one cell alone in an equation: it is pinned down; the others' equations lose it (it is known);
 * - two cells in an equation (a·u + b·v = known): u is pinned down exactly when v is; u is
 *   substituted out of the other equations and the equation dropped;
 * - two or more cells that appear in no other equation: none of them can be pinned down (the
 *   equation only fixes their sum), and dropping it changes nothing for the other cells.
 *
 * What is left (a few thousand equations) is eliminated as before, its pivots chosen in short
 * rows and rare columns so that rows stay short.
 */
import type { Table } from "./suppression.ts";

/** An equation over suppressed cells: column → coefficient. */
type Row = Map<number, number>;

/** Coefficients are small integers' ratios: below this, a coefficient cancelled. */
const EPSILON = 1e-9;

export function exposedCells(table: Table, suppressed: ReadonlySet<string>): string[] {
  if (suppressed.size === 0) return [];
  const unknowns = [...suppressed];
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: Row[] = [];
  for (const relation of table.relations) {
    const row: Row = new Map();
    const add = (cell: string, sign: number) => {
      const at = column.get(cell);
      if (at !== undefined) row.set(at, (row.get(at) ?? 0) + sign);
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    for (const [at, value] of row) if (value === 0) row.delete(at);
    if (row.size > 0) rows.push(row);
  }
  const { pinned, sameAs, rest } = settleShortEquations(rows, unknowns.length);
  for (const [at, row] of reduce(rest)) if (row.size === 1) pinned.add(at);
  // Latest first: a cell a pair settled may itself have been substituted by a later pair.
  for (const [gone, kept] of [...sameAs].reverse()) if (pinned.has(kept)) pinned.add(gone);
  return [...pinned].map((at) => unknowns[at]!).filter((id) => !table.unpublished?.has(id)).sort();
}

/**
 * The three steps above, repeated until none applies. Returns the cells found pinned down, the
 * cells whose answer is another's (u → v), and the equations still to eliminate.
 */
function settleShortEquations(rows: Row[], columns: number): { pinned: Set<number>; sameAs: Map<number, number>; rest: Row[] } {
  const pinned = new Set<number>();
  const sameAs = new Map<number, number>();
  const rowsOf: Set<number>[] = Array.from({ length: columns }, () => new Set());
  rows.forEach((row, r) => {
    for (const at of row.keys()) rowsOf[at]!.add(r);
  });
  const live = new Set(rows.keys());
  const queue = [...live].reverse();
  const queued = new Set(queue);
  const recheck = (r: number) => {
    if (!queued.has(r)) {
      queued.add(r);
      queue.push(r);
    }
  };
  const drop = (r: number) => {
    live.delete(r);
    for (const at of rows[r]!.keys()) {
      rowsOf[at]!.delete(r);
      for (const other of rowsOf[at]!) recheck(other);
    }
  };
  while (queue.length > 0) {
    const r = queue.pop()!;
    queued.delete(r);
    if (!live.has(r)) continue;
    const row = rows[r]!;
    if (row.size === 0) {
      live.delete(r);
    } else if (row.size === 1) {
      const [at] = row.keys() as unknown as [number];
      pinned.add(at);
      drop(r);
      for (const other of rowsOf[at]!) {
        rows[other]!.delete(at);
        recheck(other);
      }
      rowsOf[at]!.clear();
    } else if (row.size === 2) {
      // Substitute the cell with fewer other equations: the cheaper of the two.
      const [[a, coefficientA], [b, coefficientB]] = [...row] as [number, number][] as [[number, number], [number, number]];
      const [gone, kept, goneCoefficient, keptCoefficient] = rowsOf[a]!.size <= rowsOf[b]!.size ? [a, b, coefficientA, coefficientB] : [b, a, coefficientB, coefficientA];
      drop(r);
      for (const other of [...rowsOf[gone]!]) {
        const target = rows[other]!;
        const next = (target.get(kept) ?? 0) - (target.get(gone)! / goneCoefficient) * keptCoefficient;
        target.delete(gone);
        rowsOf[gone]!.delete(other);
        if (Math.abs(next) < EPSILON) {
          target.delete(kept);
          rowsOf[kept]!.delete(other);
        } else {
          target.set(kept, next);
          rowsOf[kept]!.add(other);
        }
        recheck(other);
      }
      sameAs.set(gone, kept);
    } else {
      let own = 0;
      for (const at of row.keys()) if (rowsOf[at]!.size === 1) own++;
      if (own >= 2) drop(r);
    }
  }
  return { pinned, sameAs, rest: [...live].map((r) => rows[r]!) };
}

/**
 * Gauss–Jordan elimination; returns pivot column → its reduced row. The pivots are kept reduced
 * (each pivot column in its own row only), so a cell is pinned down exactly when its row is
 * itself alone, whichever cells are chosen as pivots: short rows first, rare columns first.
 */
function reduce(rows: Row[]): Map<number, Row> {
  const degree = new Map<number, number>();
  for (const row of rows) for (const at of row.keys()) degree.set(at, (degree.get(at) ?? 0) + 1);
  const pivots = new Map<number, Row>();
  // column → the pivot rows holding it, so a new pivot is taken out of those rows only
  const holding = new Map<number, Set<Row>>();
  const hold = (at: number, row: Row) => {
    const holders = holding.get(at);
    if (holders) holders.add(row);
    else holding.set(at, new Set([row]));
  };
  const subtract = (row: Row, pivot: Row, factor: number, isPivot: boolean) => {
    for (const [at, value] of pivot) {
      const next = (row.get(at) ?? 0) - factor * value;
      if (Math.abs(next) < EPSILON) {
        row.delete(at);
        if (isPivot) holding.get(at)?.delete(row);
      } else {
        if (isPivot && !row.has(at)) hold(at, row);
        row.set(at, next);
      }
    }
  };
  for (const original of [...rows].sort((a, b) => a.size - b.size)) {
    const row = new Map(original);
    // The pivots are reduced: taking one out of the row brings in no other pivot column.
    for (const [at] of [...row]) {
      const pivot = pivots.get(at);
      if (pivot && row.has(at)) subtract(row, pivot, row.get(at)!, false);
    }
    if (row.size === 0) continue;
    const [at, lead] = [...row].sort((a, b) => degree.get(a[0])! - degree.get(b[0])! || a[0] - b[0])[0]!;
    for (const [key, value] of row) row.set(key, value / lead);
    for (const other of [...(holding.get(at) ?? [])]) subtract(other, row, other.get(at)!, true);
    pivots.set(at, row);
    for (const key of row.keys()) hold(key, row);
  }
  return pivots;
}
