/**
 * The arquero path: loads the raw warehouse tables into arquero, computes rotation_due and
 * rotation_compliance with the same rules as the SQL models (bench/arquero/), and checks their
 * decision columns against the CSVs `cadreboard models` wrote for the same warehouse and as-of
 * date. Exits 1 on any difference. Prints JSON: load seconds, rule seconds (computation only), rows, near cells.
 *
 *   node --import tsx bench/steps/arquero.ts WAREHOUSE AS_OF MODELS_OUT_DIR
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { compareRows, parseCsv } from "../compare.ts";
import { isoDay } from "../arquero/days.ts";
import { loadRawTables } from "../arquero/load.ts";
import { decisionColumns, rotationMarts } from "../arquero/marts.ts";
import { loadPolicyLookup } from "../arquero/policy.ts";

const [warehouse, asOfText, modelsOut] = process.argv.slice(2);
if (!warehouse || !asOfText || !modelsOut) throw new Error("usage: arquero.ts WAREHOUSE AS_OF MODELS_OUT_DIR");

const loadStarted = performance.now();
const raw = await loadRawTables(warehouse);
const policy = await loadPolicyLookup();
const loadSeconds = (performance.now() - loadStarted) / 1000;

const rulesStarted = performance.now();
const marts = rotationMarts(raw, policy, isoDay(asOfText));
// arquero is eager, but make sure every row is materialised inside the timed span
const rowsOf = {
  rotation_due: marts.rotation_due.objects() as Record<string, unknown>[],
  rotation_compliance: marts.rotation_compliance.objects() as Record<string, unknown>[],
};
const rulesSeconds = (performance.now() - rulesStarted) / 1000;

const keys = { rotation_due: ["staff_id"], rotation_compliance: ["school_id", "school_year"] };
let nearCells = 0;
const failures: string[] = [];
for (const name of ["rotation_due", "rotation_compliance"] as const) {
  const expected = parseCsv(await readFile(join(modelsOut, `${name}.csv`), "utf8"));
  const comparison = compareRows(expected, rowsOf[name], keys[name], decisionColumns[name]);
  nearCells += comparison.nearCells;
  if (comparison.differences.length > 0) failures.push(`${name} (${comparison.rows} SQL rows):\n  ${comparison.differences.join("\n  ")}`);
}
if (failures.length > 0) {
  process.stderr.write(`arquero and SQL rows differ:\n${failures.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({
  loadSeconds, rulesSeconds, nearCells,
  rows: { rotation_due: rowsOf.rotation_due.length, rotation_compliance: rowsOf.rotation_compliance.length },
})}\n`);
