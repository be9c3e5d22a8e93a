// Shared vega-lite rendering: SVG (crisp when printed), no action menu (its links leave the
// intranet), CJK system fonts, and a role="img" whose label states the chart's headline for
// screen readers (describe.js). Vega's own ARIA on each mark is switched off: inside role="img"
// it is never read, and marks without a name fail accessibility checks.
import embed from "vega-embed";

const font = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export const baseConfig = {
  font,
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 13, labelFont: font, titleFont: font },
  legend: { labelFontSize: 12, titleFontSize: 13, labelFont: font, titleFont: font },
  title: { fontSize: 15, font, anchor: "start" },
  aria: false,
};

/** Colours that stay apart in greyscale: ordered dark → light, with black outlines on marks. */
export const greySafe = ["#08306b", "#f4a582", "#2171b5", "#fddbc7", "#6baed6", "#b2182b"];
export const genderColours = { domain: ["男", "女"], range: ["#1f4e79", "#f4a582"] };

export async function renderChart(spec, description) {
  const element = document.createElement("div");
  element.className = "chart";
  await embed(element, { $schema: "https://vega.github.io/schema/vega-lite/v6.json", config: baseConfig, ...spec }, { actions: false, renderer: "svg" });
  // After embed, which labels its container "Vega visualization". The picture itself is hidden
  // from screen readers: the label says what it shows.
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", description);
  element.querySelector("svg")?.setAttribute("aria-hidden", "true");
  return element;
}
