// Observable Framework configuration for the report site (built by bin/build-site.mjs).
// No `npm:` imports and no remote stylesheets: the site must load on a county intranet offline.
export default {
  root: "reports",
  output: process.env.CADREBOARD_SITE_OUT ?? "dist",
  title: "县管校聘 人事数据看板",
  lang: "zh-CN",
  // Framework's default theme pulls fonts from Google; CJK system fonts come from style.css instead.
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  pages: [
    { name: "总览", path: "/" },
    { name: "干部结构", path: "/structure" },
    { name: "交流轮岗", path: "/rotation" },
    { name: "绩效津贴", path: "/allowance" },
    { name: "待退出", path: "/exits" },
    { name: "年度总结", path: "/summary" },
    { name: "数据质量", path: "/quality" },
  ],
  sidebar: true,
  search: false,
  pager: false,
  footer: "Cadreboard · 开源县管校聘人事数据看板 · 离线静态站点",
};
