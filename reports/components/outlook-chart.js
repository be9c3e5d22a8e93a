// 展望's charts over the outlook's school years: who leaves (bars) with the share of young cadres
// (line, right axis), and who comes due for rotation. A withheld count (public build) is no bar.
import { describeOutlookDue, describeOutlookExits } from "./describe.js";
import { greySafe, renderChart } from "./vega.js";

/** "2027–2028", as the site names a school year. */
const yearLabel = (year) => `${year}–${year + 1}`;
const long = (rows, measures) =>
  rows.flatMap((row) => measures.filter(([column]) => row[column] !== null).map(([column, measure]) => ({ year: yearLabel(row.school_year), measure, value: row[column] })));

const yearAxis = { field: "year", type: "ordinal", title: "学年", axis: { labelAngle: 0 } };

/** rows: [{school_year, retirements, cadre_age_exits, share_40_or_under}] for one school or ALL. */
export function outlookExits(rows, { width = 640, title = "", youngAge = 40 } = {}) {
  const measures = [["retirements", "到法定退休时间"], ["cadre_age_exits", "中层干部到龄退出"]];
  const shareTitle = `${youngAge}岁以下干部占比（折线，右轴）`;
  return renderChart(
    {
      title,
      width: Math.max(260, width - 300),
      height: 240,
      encoding: { x: yearAxis },
      layer: [
        {
          data: { values: long(rows, measures) },
          mark: { type: "bar", stroke: "#222", strokeWidth: 0.4 },
          encoding: {
            xOffset: { field: "measure", type: "nominal", sort: measures.map(([, label]) => label) },
            y: { field: "value", type: "quantitative", title: "人数（柱）", axis: { tickMinStep: 1, format: "d" } },
            color: { field: "measure", type: "nominal", title: "", scale: { domain: measures.map(([, label]) => label), range: greySafe } },
            tooltip: [{ field: "year", title: "学年" }, { field: "measure", title: "类型" }, { field: "value", title: "人数" }],
          },
        },
        {
          data: { values: rows.filter((row) => row.share_40_or_under !== null).map((row) => ({ year: yearLabel(row.school_year), share_40_or_under: row.share_40_or_under })) },
          mark: { type: "line", color: "#b2182b", strokeWidth: 2, point: { filled: true, size: 60, color: "#b2182b" } },
          encoding: {
            y: { field: "share_40_or_under", type: "quantitative", title: shareTitle, axis: { format: "%", orient: "right" }, scale: { domain: [0, 1] } },
            tooltip: [{ field: "year", title: "学年" }, { field: "share_40_or_under", title: shareTitle, format: ".1%" }],
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    },
    describeOutlookExits(rows, { title, youngAge }),
  );
}

/** rows: [{school_year, teachers_due, leaders_due}] for one school or ALL. */
export function outlookDue(rows, { width = 640, title = "" } = {}) {
  const measures = [["teachers_due", "应交流教师"], ["leaders_due", "应交流校级领导"]];
  return renderChart(
    {
      title,
      width: Math.max(260, width - 300),
      height: 220,
      data: { values: long(rows, measures) },
      mark: { type: "bar", stroke: "#222", strokeWidth: 0.4 },
      encoding: {
        x: yearAxis,
        xOffset: { field: "measure", type: "nominal", sort: measures.map(([, label]) => label) },
        y: { field: "value", type: "quantitative", title: "人数", axis: { tickMinStep: 1, format: "d" } },
        color: { field: "measure", type: "nominal", title: "", scale: { domain: measures.map(([, label]) => label), range: [greySafe[0], greySafe[1]] } },
        tooltip: [{ field: "year", title: "学年" }, { field: "measure", title: "类型" }, { field: "value", title: "人数" }],
      },
    },
    describeOutlookDue(rows, { title }),
  );
}
