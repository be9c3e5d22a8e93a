// Horizontal bars of a count per category, optionally split by a second field.
import { describeBars } from "./describe.js";
import { greySafe, renderChart } from "./vega.js";

/** data: [{[category]: string, [value]: number, [split]?: string}] */
export function barChart(data, { width = 600, title = "", category = "category", value = "count", split, splitDomain, splitColours, categoryTitle = "", valueTitle = "人数", sort = "-x", normalize = false } = {}) {
  const height = Math.max(60, new Set(data.map((d) => d[category])).size * 22);
  return renderChart(
    {
      title,
      width: Math.max(200, width - (split ? 300 : 180)),
      height,
      data: { values: splitDomain ? data.map((d) => ({ ...d, _order: splitDomain.indexOf(d[split]) })) : data },
      mark: { type: "bar", stroke: "#222", strokeWidth: 0.5 },
      encoding: {
        y: { field: category, type: "nominal", sort, title: categoryTitle },
        x: { field: value, type: "quantitative", title: valueTitle, ...(normalize ? { stack: "normalize", axis: { format: "%" } } : { axis: { tickMinStep: 1, format: "d" } }) },
        ...(split
          ? {
              color: { field: split, type: "nominal", title: "", scale: { ...(splitDomain ? { domain: splitDomain } : {}), range: splitColours ?? greySafe } },
              // Stack in the legend's order, so the order carries meaning when colours do not (greyscale).
              ...(splitDomain ? { order: { field: "_order", type: "quantitative" } } : {}),
            }
          : { color: { value: greySafe[0] } }),
        tooltip: [{ field: category, title: categoryTitle || "类别" }, ...(split ? [{ field: split, title: "分类" }] : []), { field: value, title: valueTitle }],
      },
    },
    describeBars(data, { title, category, value, split, valueTitle, sort, normalize }),
  );
}
