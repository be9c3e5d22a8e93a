// Rotation charts: each school's ratio against its target, and the county trend.
import { describeRatios, describeTrend } from "./describe.js";
import { greySafe, renderChart } from "./vega.js";

/** data: [{school_name, ratio, target, met}] for one school year. */
export function ratioByschool(data, { width = 640, title = "" } = {}) {
  const values = data.map((d) => ({ ...d, status: d.met === false ? "未达标" : d.met === true ? "达标" : "无应交流人员" }));
  return renderChart(
    {
      title,
      width: Math.max(240, width - 280),
      height: Math.max(80, values.length * 18),
      data: { values },
      encoding: { y: { field: "school_name", type: "nominal", sort: { field: "ratio", order: "ascending" }, title: "" } },
      layer: [
        {
          mark: { type: "bar", stroke: "#222", strokeWidth: 0.5 },
          encoding: {
            x: { field: "ratio", type: "quantitative", title: "交流比例（竖线为目标）", axis: { format: "%" } },
            color: { field: "status", type: "nominal", title: "", scale: { domain: ["达标", "未达标", "无应交流人员"], range: ["#9ecae1", "#08306b", "#dddddd"] } },
            tooltip: [
              { field: "school_name", title: "学校" },
              { field: "ratio", title: "比例", format: ".1%" },
              { field: "target", title: "目标", format: ".0%" },
              { field: "status", title: "状态" },
            ],
          },
        },
        { mark: { type: "tick", color: "#b2182b", thickness: 3 }, encoding: { x: { field: "target", type: "quantitative" } } },
      ],
    },
    describeRatios(data, { title }),
  );
}

/** data: [{school_year, measure, value}] with measures such as 交流比例, 目标, 骨干占比. */
export function countyTrend(data, { width = 640, title = "" } = {}) {
  return renderChart(
    {
      title,
      width: Math.max(240, width - 260),
      height: 220,
      data: { values: data },
      mark: { type: "line", point: { filled: true, size: 60 }, strokeWidth: 2 },
      encoding: {
        x: { field: "school_year", type: "ordinal", title: "学年（起始年）", axis: { labelAngle: 0 } },
        y: { field: "value", type: "quantitative", title: "", axis: { format: "%" } },
        color: { field: "measure", type: "nominal", title: "", scale: { range: greySafe } },
        shape: { field: "measure", type: "nominal", title: "" },
        strokeDash: { field: "measure", type: "nominal", title: "" },
        tooltip: [{ field: "school_year", title: "学年" }, { field: "measure", title: "指标" }, { field: "value", title: "数值", format: ".1%" }],
      },
    },
    describeTrend(data, { title }),
  );
}
