// Observable Framework configuration for the report site (built by `cadreboard build`).
// No `npm:` imports and no remote stylesheets: the site must load on a county intranet offline.
import { pageHead, pageHeader } from "./src/site/chrome.ts";
import { parseProvenance, PROVENANCE_VARIABLE } from "./src/site/provenance.ts";

const title = "县管校聘 人事数据看板";
// Set by the build from the marts: the as-of date, import time and input fingerprint on every page.
const provenance = parseProvenance(process.env[PROVENANCE_VARIABLE]);

export default {
  root: "reports",
  output: process.env.CADREBOARD_SITE_OUT ?? "dist",
  title,
  lang: "zh-CN",
  // Framework's default theme pulls fonts from Google; CJK system fonts come from style.css instead.
  globalStylesheets: [],
  style: "style.css",
  head: (page: { title: string | null }) => pageHead({ title: page.title, siteTitle: title }, provenance),
  header: () => pageHeader(provenance),
  pages: [
    { name: "总览", path: "/" },
    { name: "干部结构", path: "/structure" },
    { name: "交流轮岗", path: "/rotation" },
    { name: "交流方案", path: "/plan" },
    { name: "绩效津贴", path: "/allowance" },
    { name: "待退出", path: "/exits" },
    { name: "展望", path: "/outlook" },
    { name: "年度总结", path: "/summary" },
    { name: "数据质量", path: "/quality" },
  ],
  sidebar: true,
  search: false,
  pager: false,
  footer: "Cadreboard · 开源县管校聘人事数据看板 · 离线静态站点",
};
