/**
 * Which models rotation_due and rotation_compliance need, read from the SQL itself (a model
 * depends on every other model whose name it mentions), so the DuckDB side of the arquero
 * comparison times exactly the models that compute the two marts — not the other eight.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelFiles, sqlDir } from "../src/models/models.ts";

/** Pure: names → the names each model's text mentions, then everything reachable from roots. */
export function dependencyClosure(texts: ReadonlyMap<string, string>, roots: readonly string[]): Set<string> {
  const mentions = (text: string, name: string) => new RegExp(`\\b${name}\\b`).test(text.replace(/--.*$/gm, ""));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    const text = texts.get(name) ?? "";
    for (const other of texts.keys()) if (other !== name && mentions(text, other)) visit(other);
  };
  roots.forEach(visit);
  return needed;
}

export function rotationModels(): Set<string> {
  const texts = new Map(modelFiles.map((model) => [model.name, readFileSync(join(sqlDir, model.layer, `${model.name}.sql`), "utf8")]));
  return dependencyClosure(texts, ["rotation_due", "rotation_compliance"]);
}

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
