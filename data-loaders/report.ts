/**
 * What a load tells: the per-file counts (read = loaded + rejected) as log lines and as the
 * bookkeeping tables load_files and load_info in the warehouse.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { FileCounts } from "./validate.ts";

export interface FileReport extends FileCounts {
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  path: string;
  format: "csv" | "xlsx";
  encoding: string;
  headerRow: number;
  titleRows: { row: number; text: string }[];
}

export interface IngestReport {
  warehouse: string;
  /** SHA-256 over the record files (fingerprint.ts); pages and downloads show its first 12 digits. */
  fingerprint: string;
  files: Omit<FileReport, "headerRow" | "titleRows">[];
}

/**
 * e.g. `staff.csv: read 3000, loaded 2998, rejected 2（读取 3000 行，导入 2998 行，拒收 2 行）`. Counts
 * are rows (read = loaded + rejected); when optional cells of loaded rows were emptied (v2), their
 * number follows: `…, rejected 2, cells emptied 5（…，拒收 2 行，置空 5 个单元格）`.
 */
export const fileLine = (file: FileReport): string => {
  const cells = file.cellsEmptied > 0;
  return `${file.file}: read ${file.rowsRead}, loaded ${file.rowsLoaded}, rejected ${file.rowsRejected}` +
    (cells ? `, cells emptied ${file.cellsEmptied}` : "") +
    `（读取 ${file.rowsRead} 行，导入 ${file.rowsLoaded} 行，拒收 ${file.rowsRejected} 行` +
    (cells ? `，置空 ${file.cellsEmptied} 个单元格` : "") + "）";
};

/** e.g. `staff.csv: skipped title row 1 「云溪县教职工花名册」, header on row 2（跳过标题行 …）` */
export const titleLines = (file: FileReport): string[] =>
  file.titleRows.map(
    ({ row, text }) =>
      `${file.file}: skipped title row ${row} 「${text.slice(0, 60)}」, header on row ${file.headerRow}` +
      `（跳过表头上方第 ${row} 行的标题，表头在第 ${file.headerRow} 行）`,
  );

export async function recordLoad(
  connection: DuckDBConnection,
  files: readonly FileReport[],
  info: { loadedAt: Date; dataDir: string; version: string; fingerprint: string },
): Promise<void> {
  for (const file of files) {
    if (file.rowsRead !== file.rowsLoaded + file.rowsRejected) {
      throw new Error(`${file.file}: read ${file.rowsRead} ≠ loaded ${file.rowsLoaded} + rejected ${file.rowsRejected}`);
    }
    await connection.run(
      `insert into load_files values ($file, $path, $format, $encoding, $header_row, $read, $loaded, $rejected, $sha256)`,
      {
        file: file.file, path: file.path, format: file.format, encoding: file.encoding, header_row: file.headerRow,
        read: file.rowsRead, loaded: file.rowsLoaded, rejected: file.rowsRejected, sha256: file.sha256,
      },
    );
  }
  for (const file of files) {
    for (const { row, text } of file.titleRows) {
      await connection.run(`insert into load_skipped_rows values ($file, $row, $reason, $text)`, {
        file: file.file, row, reason: "表头上方的标题行 (title row above the header)", text,
      });
    }
  }
  await connection.run(`insert into load_info values (cast($loaded_at as timestamp), $data_dir, $version, $fingerprint)`, {
    loaded_at: info.loadedAt.toISOString().replace("T", " ").replace("Z", ""),
    data_dir: info.dataDir,
    version: info.version,
    fingerprint: info.fingerprint,
  });
}
