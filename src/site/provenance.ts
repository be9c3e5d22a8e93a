/**
 * Where a page's numbers come from, printed on every page and in every download: the as-of date,
 * when the record files were imported, and the first digits of their fingerprint (a SHA-256 over
 * the files' bytes, made by ingest). Two printed reports with the same three came from the same data.
 *
 * The build reads them from the marts once (readProvenance, build.ts) and hands them to
 * Framework's config, which writes them into every page's HTML: they are there before any script
 * runs, printed in the page margins, and read by the download buttons. The config imports this
 * module, so it holds no DuckDB: Framework's process would load it for nothing.
 */
import { loadInfoSql } from "../warehouse/schema.ts";

export interface Provenance {
  asOf: string;
  /** Beijing time, "YYYY-MM-DD HH:MM"; null when the marts carry no load record. */
  loadedAt: string | null;
  /** The first SHOWN_FINGERPRINT_DIGITS hex digits. */
  fingerprint: string | null;
  /** Who the build is for, as the pages name it. */
  audience: string;
}

/** The environment variable the build passes the provenance in (JSON) to Framework's config. */
export const PROVENANCE_VARIABLE = "CADREBOARD_PROVENANCE";

export { loadInfoSql };

/** "数据截至 2026-09-01 · 2026-09-02 08:30 导入 · 数据指纹 39a76e0ebdd0": the line every page and download carries. */
export function provenanceText(provenance: Provenance): string {
  return [
    `数据截至 ${provenance.asOf}`,
    provenance.loadedAt ? `${provenance.loadedAt} 导入` : null,
    provenance.fingerprint ? `数据指纹 ${provenance.fingerprint}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function parseProvenance(text: string | undefined): Provenance | null {
  if (!text) return null;
  const value = JSON.parse(text) as Provenance;
  return typeof value.asOf === "string" ? value : null;
}
