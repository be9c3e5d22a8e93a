// Age pyramid: men to the left, women to the right, youngest band at the bottom.
import { describePyramid } from "./describe.js";
import { genderColours, renderChart } from "./vega.js";
import { WITHHELD } from "./withheld.js";

export const AGE_BANDS = ["≤24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "≥60"];

/** data: [{age_band, gender: "M"|"F", headcount}] */
export function agePyramid(data, { width = 360, title = "" } = {}) {
  const values = data.map((d) => ({
    age_band: d.age_band,
    gender: d.gender === "M" ? "男" : "女",
    headcount: d.headcount,
    signed: d.headcount === null ? 0 : d.gender === "M" ? -d.headcount : d.headcount,
    shown: d.headcount === null ? WITHHELD : String(d.headcount),
  }));
  // Symmetric axis: men and women on the same scale, whatever the larger side.
  const largest = Math.max(1, ...values.map((d) => Math.abs(d.signed)));
  return renderChart(
    {
      title,
      width: Math.max(220, width - 80),
      height: 200,
      data: { values },
      mark: { type: "bar", stroke: "#222", strokeWidth: 0.5 },
      encoding: {
        y: { field: "age_band", type: "ordinal", title: "年龄段", scale: { domain: [...AGE_BANDS].reverse() } },
        x: { field: "signed", type: "quantitative", title: "人数（左：男，右：女）", scale: { domain: [-largest, largest] }, axis: { labelExpr: "abs(datum.value)", tickMinStep: 1, format: "d" } },
        color: { field: "gender", type: "nominal", scale: genderColours, title: "性别" },
        tooltip: [
          { field: "gender", title: "性别" },
          { field: "age_band", title: "年龄段" },
          { field: "shown", title: "人数" },
        ],
      },
    },
    describePyramid(data, { title }),
  );
}
