// The rotation plan's flows as a matrix: rows are where people come from, columns where they go,
// each cell the number of people (隐去 where the public build withholds it), shaded by count.
import { describeFlows } from "./describe.js";
import { renderChart } from "./vega.js";
import { WITHHELD } from "./withheld.js";

/** data: [{from, to, count}] (count null when withheld); order: the groups in the order to show them. */
export function flowMatrix(data, { width = 640, title = "", order, fromTitle = "派出", toTitle = "接收" } = {}) {
  const groups = order ?? [...new Set(data.flatMap((d) => [d.from, d.to]))].sort((a, b) => a.localeCompare(b, "zh"));
  const byCell = new Map(data.map((d) => [`${d.from}→${d.to}`, d]));
  // Every pair is a cell: a pair with no row moved nobody (0), which the matrix shows as such.
  const values = groups.flatMap((from) => groups.map((to) => {
    const d = byCell.get(`${from}→${to}`);
    const count = d ? d.count : 0;
    // shade: the colour's field, never null (vega-lite drops a mark whose quantitative field is null)
    return { from, to, count, shade: count ?? 0, label: count === null ? WITHHELD : String(count) };
  }));
  const cell = Math.max(36, Math.min(72, Math.floor((width - 160) / Math.max(1, groups.length))));
  return renderChart(
    {
      title,
      width: cell * groups.length,
      height: cell * groups.length,
      data: { values },
      encoding: {
        x: { field: "to", type: "nominal", sort: groups, title: `${toTitle} →`, axis: { orient: "top", labelAngle: 0 } },
        y: { field: "from", type: "nominal", sort: groups, title: `${fromTitle} ↓` },
      },
      layer: [
        {
          mark: { type: "rect", stroke: "#888", strokeWidth: 0.5 },
          encoding: {
            color: {
              // withheld: grey; nobody: white
              condition: [{ test: "datum.count === null", value: "#eeeeee" }, { test: "datum.count === 0", value: "#ffffff" }],
              field: "shade", type: "quantitative", title: "人数", scale: { scheme: "blues" }, legend: null,
            },
            tooltip: [{ field: "from", title: fromTitle }, { field: "to", title: toTitle }, { field: "label", title: "人数" }],
          },
        },
        {
          mark: { type: "text", fontSize: 13 },
          encoding: {
            text: { field: "label" },
            // dark cells take white text: the number stays legible in greyscale print
            color: { condition: { test: "datum.count !== null && datum.count > 0.6 * maxCount", value: "white" }, value: "black" },
          },
        },
      ],
      params: [{ name: "maxCount", expr: String(Math.max(1, ...values.map((d) => d.count ?? 0))) }],
    },
    describeFlows(data, { title }),
  );
}
