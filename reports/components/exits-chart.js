// Pending exits per month over the horizon, stacked by kind of exit.
import { describeMonths } from "./describe.js";
import { greySafe, renderChart } from "./vega.js";

/** data: [{month: "YYYY-MM", kind: label, count}] */
export function exitsByMonth(data, { width = 700, title = "", kinds = [] } = {}) {
  return renderChart(
    {
      title,
      width: Math.max(260, width - 260),
      height: 240,
      data: { values: data },
      mark: { type: "bar", stroke: "#222", strokeWidth: 0.4 },
      encoding: {
        x: { field: "month", type: "ordinal", title: "月份", axis: { labelAngle: -60 } },
        y: { field: "count", type: "quantitative", title: "人次", stack: "zero", axis: { tickMinStep: 1, format: "d" } },
        color: { field: "kind", type: "nominal", title: "退出类型", scale: { domain: kinds, range: greySafe } },
        order: { field: "kind", sort: "ascending" },
        tooltip: [{ field: "month", title: "月份" }, { field: "kind", title: "类型" }, { field: "count", title: "人次" }],
      },
    },
    describeMonths(data, { title }),
  );
}
