/**
 * Framework's cache under reports/.observablehq/cache holds three kinds of thing:
 * - data loader output: cleared before every build, so one audience's data never reaches another's site;
 * - `_node/<name>@<version>`: the libraries the pages import from node_modules (vega and its
 *   parts), bundled for the browser. Kept: they hold no data, a new version gets a folder of its
 *   own, and bundling them again costs every build seconds;
 * - empty `_npm/<name>@<version>` folders that record which version of each library the client
 *   stdlib refers to. Without them, Framework asks registry.npmjs.org on every build, which fails
 *   on an offline county intranet. The site never loads these libraries (pages import only from
 *   node_modules), so the versions only fill the stdlib's import map; they are pinned here.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

export const stdlibVersionPins = [
  "@observablehq/plot@0.6.17",
  "@observablehq/sample-datasets@1.0.1",
  "apache-arrow@21.2.0",
  "arquero@8.0.3",
  "d3-dsv@3.0.2",
  "d3@7.9.2",
  "echarts@6.1.0",
  "htl@1.0.0",
  "leaflet@1.9.4",
  "lodash@4.18.1",
  "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0",
  "react-dom@19.3.1",
  "react@19.3.1",
  "topojson-client@3.1.0",
] as const;

export async function resetFrameworkCache(reportsRoot: string): Promise<void> {
  const cache = join(reportsRoot, ".observablehq", "cache");
  for (const entry of await readdir(cache).catch(() => [])) if (entry !== "_node") await rm(join(cache, entry), { recursive: true, force: true });
  for (const pin of stdlibVersionPins) await mkdir(join(cache, "_npm", pin), { recursive: true });
}
