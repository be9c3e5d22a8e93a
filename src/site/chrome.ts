/**
 * What every page carries besides its own content, written into its HTML at build time by
 * Framework's config (observablehq.config.ts):
 * - the provenance line at the top (as-of date, import time, input fingerprint, audience);
 * - the printed page's margins: the page title and the provenance on every sheet, page numbers;
 * - the provenance as a <meta> the download buttons read (reports/components/table.js);
 * - a plain sentence in place of the page when it is opened from file://, where the browser
 *   refuses the pages' module scripts and would otherwise show a blank page.
 */
import { provenanceText, type Provenance } from "./provenance.ts";

export const PROVENANCE_META = "cadreboard-provenance";

/** What a clerk who double-clicked a page reads instead (DIR is filled in with the site's folder). */
export const FILE_NOTICE =
  "本页不能双击直接打开：请在命令行运行 npx cadreboard serve --dir DIR，再用浏览器打开它显示的地址（如 http://127.0.0.1:3000/），或把整个文件夹复制到单位内网的网站服务器上浏览。";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A CSS string literal: quotes, backslashes and line breaks escaped. */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ")}"`;

export function pageHead(page: { title: string | null; siteTitle: string }, provenance: Provenance | null): string {
  const title = [page.title, page.siteTitle].filter(Boolean).join(" · ");
  const parts = ['<link rel="icon" href="favicon.svg" type="image/svg+xml">', fileNoticeScript()];
  if (provenance) {
    parts.push(
      `<meta name="${PROVENANCE_META}" content="${escapeHtml(JSON.stringify({ ...provenance, text: provenanceText(provenance) }))}">`,
      // Margin boxes print on every sheet (Chromium 131 and later); their font and size are in style.css.
      `<style>@page {
  @top-left { content: ${cssString(title)}; }
  @top-right { content: ${cssString(`数据截至 ${provenance.asOf}${provenance.fingerprint ? ` · 数据指纹 ${provenance.fingerprint}` : ""}`)}; }
  @bottom-left { content: ${cssString([provenance.audience, provenance.loadedAt ? `${provenance.loadedAt} 导入` : ""].filter(Boolean).join(" · "))}; }
  @bottom-right { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; }
}</style>`,
    );
  }
  return parts.join("\n");
}

export function pageHeader(provenance: Provenance | null): string {
  if (!provenance) return "";
  return `<p class="provenance">${escapeHtml(provenanceText(provenance))} · ${escapeHtml(provenance.audience)}</p>`;
}

/** A classic script (it runs from file://, module scripts do not) that swaps the page for FILE_NOTICE. */
function fileNoticeScript(): string {
  return `<script>
if (location.protocol === "file:") {
  document.documentElement.classList.add("from-file");
  document.addEventListener("DOMContentLoaded", function () {
    var dir = decodeURIComponent(location.pathname.replace(/\\/[^\\/]*$/, "")).replace(/^\\/([A-Za-z]:)/, "$1");
    var note = document.createElement("p");
    note.className = "file-notice";
    note.setAttribute("role", "alert");
    note.textContent = ${JSON.stringify(FILE_NOTICE)}.replace("DIR", '"' + dir + '"');
    var main = document.getElementById("observablehq-main") || document.body;
    main.insertBefore(note, main.firstChild);
  });
}
</script>`;
}
