/**
 * Which models rotation_due and rotation_compliance need, read from the SQL itself (a model
 * depends on every other model whose name it mentions), so the DuckDB side of the arquero
 * comparison times exactly the models that compute the two marts — not the other eight.
 */
import { dependencyClosure, modelsNeededFor } from "../src/models/models.ts";

export { dependencyClosure };

export const rotationModels = (): Set<string> => modelsNeededFor(["rotation_due", "rotation_compliance"]);

/**
 * Pure: the per-model lines `cadreboard models` logs → build ms by name, data tests excluded
 * ("  intermediate/int_x: built in 123 ms, 7 data tests in 9 ms"; older builds logged "int_x 123 ms").
 */
export function modelTimings(log: string): Map<string, number> {
  const timings = new Map<string, number>();
  for (const match of log.matchAll(/^\s+(?:staging|intermediate|marts)\/(\w+)(?:: built in | )(\d+) ms/gm)) timings.set(match[1]!, Number(match[2]));
  return timings;
}

/** Seconds the given models took to build; throws when the log lacks one (the format changed). */
export function secondsOf(timings: ReadonlyMap<string, number>, models: Iterable<string>): number {
  let total = 0;
  for (const name of models) {
    const ms = timings.get(name);
    if (ms === undefined) throw new Error(`bench: the models log has no build time for ${name}. Check modelTimings against src/models/build.ts`);
    total += ms;
  }
  return total / 1000;
}
