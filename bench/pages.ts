/**
 * The data a page makes a browser download: the files it registers as attachments
 * (Framework writes `registerFile("./data/x.json", {…"path":"./_file/…","size":N})` into each
 * page's HTML). The largest page is the one a school's old PC struggles with first.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

export interface PageData {
  page: string;
  bytes: number;
  files: number;
}

/** Pure: one page's HTML → the sizes of the files it registers (deduplicated by path). */
export function registeredFiles(html: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const match of html.matchAll(/registerFile\([^,]+,\s*(\{.*?\})\)/g)) {
    try {
      const info = JSON.parse(match[1]!) as { path?: string; size?: number };
      if (info.path && typeof info.size === "number") files.set(info.path, info.size);
    } catch {
      // not a literal object: Framework always writes one, so skip anything else
    }
  }
  return files;
}

export async function pageData(siteDir: string): Promise<PageData[]> {
  const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
  const pages: PageData[] = [];
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith(".html"))) {
    const path = join(entry.parentPath, entry.name);
    const files = registeredFiles(await readFile(path, "utf8"));
    pages.push({ page: relative(siteDir, path), bytes: [...files.values()].reduce((a, b) => a + b, 0), files: files.size });
  }
  return pages.sort((a, b) => b.bytes - a.bytes);
}
