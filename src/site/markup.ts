/**
 * Framework's page markup, mended for accessibility (GB/T 37668, checked by axe-core in the
 * site tests) after `observable build`: Framework 1.13 has no setting for these.
 * - the page's language, so a screen reader reads it as Chinese;
 * - zooming allowed (Framework's viewport forbids it, which low-vision readers need);
 * - the sidebar's toggle named, and its close button inside a list item (a list holds only items).
 * Each mend names the markup it expects: a Framework upgrade that changes it fails the build
 * here, not silently.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const closeButton = '<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>';

const mends: { name: string; find: string; replace: string }[] = [
  { name: "page language", find: "<html>", replace: '<html lang="zh-CN">' },
  { name: "zoom", find: ", maximum-scale=1", replace: "" },
  {
    name: "sidebar toggle's name",
    find: '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">',
    replace: '<input id="observablehq-sidebar-toggle" type="checkbox" title="显示或隐藏目录" aria-label="显示或隐藏目录">',
  },
  {
    name: "sidebar close button in a list item",
    find: closeButton,
    replace: `<li class="sidebar-close-item">${closeButton}</li>`,
  },
];

/** One page's HTML, mended; throws naming the mend whose markup is not there. */
export function mendMarkup(html: string, page = "page"): string {
  let out = html;
  for (const mend of mends) {
    if (!out.includes(mend.find)) throw new Error(`site build: ${page} lacks the markup for "${mend.name}" (${mend.find}). Framework's page markup changed: update src/site/markup.ts.`);
    out = out.replace(mend.find, () => mend.replace);
  }
  return out;
}

/** Mends every page of a built site. */
export async function mendSite(outDir: string): Promise<number> {
  const pages = (await readdir(outDir)).filter((name) => name.endsWith(".html"));
  for (const name of pages) {
    const path = join(outDir, name);
    await writeFile(path, mendMarkup(await readFile(path, "utf8"), name));
  }
  return pages.length;
}
