/**
 * Builds every model once more with the per-model log on (the CLI keeps it quiet), so the
 * benchmark knows how long the models behind rotation_due and rotation_compliance take — the
 * DuckDB side of the arquero comparison — and which models dominate when a target is missed.
 *
 *   node --import tsx bench/steps/model-timings.ts WAREHOUSE AS_OF
 */
import { buildMarts } from "../../src/models/index.ts";

const [warehouse, asOf] = process.argv.slice(2);
if (!warehouse || !asOf) throw new Error("usage: model-timings.ts WAREHOUSE AS_OF");
const db = await buildMarts({ warehouse, asOf }, (line) => process.stdout.write(`${line}\n`));
db.close();
