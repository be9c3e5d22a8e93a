/**
 * Where a page's numbers come from, printed on every page and in every download: the as-of date,
 * when the record files were imported, and the first digits of their fingerprint (a SHA-256 over
 * the files' bytes, made by ingest). Two printed reports with the same three came from the same data.
 *
 * The build reads them from the marts once and hands them to Framework's config, which writes them
 * into every page's HTML: they are there before any script runs, printed in the page margins, and
 * read by the download buttons.
 */
import { shownFingerprint } from "../../data-loaders/fingerprint.ts";
import { queryJson } from "../warehouse/duckdb.ts";
import { loadInfoSql } from "../warehouse/schema.ts";
import { audienceLabel, type Audience } from "./audience.ts";
import { openMarts } from "./context.ts";

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

export async function readProvenance(martsFile: string, asOf: string, audience: Audience): Promise<Provenance> {
  const db = await openMarts(martsFile);
  try {
    const [row] = await queryJson(db.connection, loadInfoSql);
    const fingerprint = typeof row?.input_fingerprint === "string" ? shownFingerprint(row.input_fingerprint) : null;
    return { asOf, loadedAt: typeof row?.loaded_at === "string" ? row.loaded_at : null, fingerprint, audience: audienceLabel(audience) };
  } finally {
    db.close();
  }
}

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
