/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) by self time per function, and per
 * file, so a missed target can be traced to the code that spends it. Time inside DuckDB's native
 * code shows up as "(program)" or the JS frame that awaits it (e.g. `run`).
 *
 *   node --import tsx bench/cpu-profile.ts FILE.cpuprofile [TOP]
 */
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Pure: self milliseconds per "function (file:line)" and per file, largest first. */
export function selfTimes(profile: CpuProfile): { byFunction: [string, number][]; byFile: [string, number][]; totalMs: number } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "node_modules/") || "(native)";
    const name = `${frame.functionName || "(anonymous)"} (${file.split("/").slice(-2).join("/")}:${frame.lineNumber + 1})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { byFunction: sorted(byFunction), byFile: sorted(byFile), totalMs: (profile.endTime - profile.startTime) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, top = "15"] = process.argv.slice(2);
  if (!path) throw new Error("usage: cpu-profile.ts FILE.cpuprofile [TOP]");
  const { byFunction, byFile, totalMs } = selfTimes(JSON.parse(await readFile(path, "utf8")) as CpuProfile);
  const line = ([name, ms]: [string, number]) => `${(ms / 1000).toFixed(2).padStart(7)} s  ${(100 * ms / totalMs).toFixed(1).padStart(5)}%  ${name}`;
  console.log(`total ${(totalMs / 1000).toFixed(2)} s\n-- by function`);
  byFunction.slice(0, Number(top)).forEach((entry) => console.log(line(entry)));
  console.log("-- by file");
  byFile.slice(0, Number(top)).forEach((entry) => console.log(line(entry)));
}
