// Text alternatives for the charts: one sentence stating what the chart shows, read out by a
// screen reader in place of the picture (GB/T 37668: non-text content has a text alternative).
// Plain functions of the chart's data, so tests run them in Node.

import { WITHHELD } from "./withheld.js";

const number = (value) => Number(value).toLocaleString("zh-CN");
const share = (value) => `${(value * 100).toFixed(1)}%`;
/** At most this many items are read out; the rest are counted. */
const ITEMS_READ = 8;

function listed(items, unit) {
  const read = items.slice(0, ITEMS_READ).map(([label, value]) => `${label} ${value === null ? WITHHELD : number(value)}${unit}`);
  return items.length > ITEMS_READ ? `${read.join("，")}，另有 ${items.length - ITEMS_READ} 项` : read.join("，");
}

/** Bars: each category's value, largest first unless the chart keeps its own order; with a split, the totals per split. */
export function describeBars(data, { title = "", category, value, split, valueTitle = "人数", sort = "-x", normalize = false }) {
  if (data.length === 0) return `${title}：没有数据。`;
  const unit = valueTitle === "人数" ? " 人" : valueTitle === "行数" ? " 行" : "";
  if (split) {
    const totals = new Map();
    for (const d of data) totals.set(d[split], (totals.get(d[split]) ?? 0) + (d[value] ?? 0));
    const groups = new Set(data.map((d) => d[category])).size;
    const all = [...totals.values()].reduce((sum, n) => sum + n, 0);
    // A chart of shares (each bar to 100%) is read out as shares of the whole.
    const parts = normalize && all > 0 ? [...totals].map(([label, n]) => `${label} ${share(n / all)}`).join("，") : listed([...totals], unit);
    return `${title}：共 ${groups} 组；合计 ${parts}。`;
  }
  const items = data.map((d) => [d[category], d[value]]);
  if (sort === "-x") items.sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return `${title}：${listed(items, unit)}。`;
}

/** Age pyramid: the total by gender and the largest age band. */
export function describePyramid(data, { title = "" }) {
  const shown = data.filter((d) => d.headcount !== null);
  if (data.length === 0) return `${title}：没有人员。`;
  const sum = (gender) => shown.filter((d) => d.gender === gender).reduce((total, d) => total + d.headcount, 0);
  const bands = new Map();
  for (const d of shown) bands.set(d.age_band, (bands.get(d.age_band) ?? 0) + d.headcount);
  const [band, most] = [...bands].sort((a, b) => b[1] - a[1])[0] ?? ["—", 0];
  const hidden = data.length - shown.length;
  return `${title}：男 ${number(sum("M"))} 人，女 ${number(sum("F"))} 人；人数最多的年龄段是 ${band} 岁（${number(most)} 人）${hidden ? `；另有 ${hidden} 个年龄段不足 5 人，未计入` : ""}。`;
}

/** Exits per month: the total and the busiest month. */
export function describeMonths(data, { title = "" }) {
  if (data.length === 0) return `${title}：预测期内没有待退出人员。`;
  const months = new Map();
  for (const d of data) months.set(d.month, (months.get(d.month) ?? 0) + d.count);
  const [month, most] = [...months].sort((a, b) => b[1] - a[1])[0];
  const total = [...months.values()].reduce((sum, n) => sum + n, 0);
  return `${title}：共 ${number(total)} 人次，最多的是 ${month}（${number(most)} 人次）。`;
}

/** Schools against their target: how many are below, and the lowest. */
export function describeRatios(data, { title = "" }) {
  const measured = data.filter((d) => d.ratio !== null && d.ratio !== undefined);
  if (measured.length === 0) return `${title}：没有可比较的学校。`;
  const below = data.filter((d) => d.met === false).length;
  const lowest = [...measured].sort((a, b) => a.ratio - b.ratio)[0];
  return `${title}：图中 ${data.length} 所学校，${below} 所未达到目标；比例最低的是${lowest.school_name}（${share(lowest.ratio)}，目标 ${share(lowest.target)}）。`;
}

/** A county trend: each measure's latest value. */
export function describeTrend(data, { title = "" }) {
  if (data.length === 0) return `${title}：没有已结束的学年。`;
  const latest = Math.max(...data.map((d) => d.school_year));
  const values = data.filter((d) => d.school_year === latest).map((d) => `${d.measure} ${share(d.value)}`);
  return `${title}：${latest} 学年 ${values.join("，")}。`;
}

/** A year's value, or 隐去 when the public build withheld it. */
const yearValue = (value, unit) => (value === null || value === undefined ? WITHHELD : `${number(value)}${unit}`);
const yearShare = (value) => (value === null || value === undefined ? WITHHELD : share(value));
const schoolYear = (year) => `${year}–${year + 1} 学年`;

/**
 * The outlook's exits (rows: [{school_year, retirements, cadre_age_exits, share_40_or_under}],
 * first year first): retirements and cadre-age exits over the years, the busiest year, and the
 * share of young cadres from the first year to the last.
 */
export function describeOutlookExits(rows, { title = "", youngAge = 40 } = {}) {
  if (rows.length === 0) return `${title}：没有展望数据。`;
  const first = rows[0];
  const last = rows.at(-1);
  const span = `${schoolYear(first.school_year)}至 ${schoolYear(last.school_year)}`;
  const sum = (column) => (rows.some((row) => row[column] === null) ? null : rows.reduce((total, row) => total + row[column], 0));
  const busiest = rows.filter((row) => row.retirements !== null).sort((a, b) => b.retirements - a.retirements)[0];
  return `${title}：${span}共 ${yearValue(sum("retirements"), " 人")}到法定退休时间${busiest ? `（${rows.some((row) => row.retirements === null) ? "公开的学年中" : ""}最多的是 ${schoolYear(busiest.school_year)}，${number(busiest.retirements)} 人）` : ""}，`
    + `中层干部到龄退出岗位 ${yearValue(sum("cadre_age_exits"), " 人")}；${youngAge}岁以下干部占比由 ${schoolYear(first.school_year)}的 ${yearShare(first.share_40_or_under)} `
    + `变为 ${schoolYear(last.school_year)}的 ${yearShare(last.share_40_or_under)}。`;
}

/** The outlook's due teachers and leaders: the first year's and the last year's. */
export function describeOutlookDue(rows, { title = "" } = {}) {
  if (rows.length === 0) return `${title}：没有展望数据。`;
  const first = rows[0];
  const last = rows.at(-1);
  return `${title}：应交流教师由 ${schoolYear(first.school_year)}的 ${yearValue(first.teachers_due, " 人")}变为 ${schoolYear(last.school_year)}的 ${yearValue(last.teachers_due, " 人")}，`
    + `应交流校级领导由 ${yearValue(first.leaders_due, " 人")}变为 ${yearValue(last.leaders_due, " 人")}。`;
}

/** Flows between groups (from → to): the total, the largest flow, and how many cells are withheld. */
export function describeFlows(data, { title = "" }) {
  const shown = data.filter((d) => d.count !== null && d.count > 0);
  const hidden = data.filter((d) => d.count === null).length;
  if (shown.length === 0 && hidden === 0) return `${title}：没有校际交流。`;
  const total = shown.reduce((sum, d) => sum + d.count, 0);
  const [largest] = [...shown].sort((a, b) => b.count - a.count);
  return `${title}：${hidden ? `公开的 ${shown.length} 个流向` : ""}共 ${number(total)} 人${largest ? `，最多的是 ${largest.from} → ${largest.to}（${number(largest.count)} 人）` : ""}${hidden ? `；另有 ${hidden} 个流向不足 5 人或可据此推算，${WITHHELD}` : ""}。`;
}
