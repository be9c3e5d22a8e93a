/**
 * `cadreboard ingest`: validates the record files of a data folder and loads them into a new
 * DuckDB warehouse, replacing the old one only when the whole load succeeded. Each file goes
 * text table → typed and checked in SQL → raw_<file> + raw_rejects (see validate.ts).
 */
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { InputError } from "../src/errors.ts";
import { todayInChina } from "../src/today.ts";
import { openDatabase } from "../src/warehouse/duckdb.ts";
import { warehouseDdl } from "../src/warehouse/schema.ts";
import { fileSha256, inputFingerprint, shownFingerprint } from "./fingerprint.ts";
import { findRecordFiles } from "./find-files.ts";
import { fileLine, recordLoad, titleLines, type FileReport, type IngestReport } from "./report.ts";
import { installMacros } from "./sql-macros.ts";
import { loadTextTable } from "./text-table.ts";
import { validateAndLoad } from "./validate.ts";
import { asWriteError, replaceWarehouse } from "./warehouse-swap.ts";

export type { IngestReport } from "./report.ts";

export interface IngestOptions {
  dataDir: string;
  warehouse: string;
  log?: (line: string) => void;
  /** ISO date for the "in the future" checks; default today in China (the bureau's calendar). */
  today?: string;
}


async function packageVersion(): Promise<string> {
  const text = await readFile(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const today = options.today ?? todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new InputError(`today must be a date written YYYY-MM-DD, not "${today}"`);
  const warehouse = resolve(options.warehouse);
  const sources = await findRecordFiles(options.dataDir);
  await mkdir(dirname(warehouse), { recursive: true }).catch((error: unknown) => {
    throw asWriteError(error, warehouse);
  });

  let fingerprint = "";
  const files = await replaceWarehouse(warehouse, async (tempPath) => {
    const tempDir = await mkdtemp(join(tmpdir(), "cadreboard-ingest-"));
    const db = await openDatabase(tempPath);
    try {
      for (const ddl of warehouseDdl()) await db.connection.run(ddl);
      await installMacros(db.connection);
      const reports: FileReport[] = [];
      // Contract order: schools and staff load first, so the later files' references can be checked.
      for (const source of sources) {
        // Hashed on the JS thread while DuckDB's threads read and check the file: a province's
        // appraisal file takes seconds to hash.
        const sha256 = fileSha256(source.path);
        sha256.catch(() => {}); // a failure is reported where it is awaited, or the read's own error stands
        const text = await loadTextTable(db.connection, source, tempDir);
        const counts = await validateAndLoad(db.connection, source, text, today);
        const report: FileReport = {
          file: source.fileName, path: source.path, format: source.format, encoding: text.encoding, headerRow: text.headerRow,
          titleRows: text.titleRows, sha256: await sha256, ...counts,
        };
        reports.push(report);
        for (const line of titleLines(report)) log(line);
        if (text.encoding === "mixed") log(`${source.fileName}: lines in both UTF-8 and GB18030, each decoded as written（文件中混有 UTF-8 和 GB18030 编码的行，已逐行识别）`);
        log(fileLine(report));
      }
      fingerprint = inputFingerprint(reports.map((report) => ({ fileName: report.file, sha256: report.sha256 })));
      await recordLoad(db.connection, reports, { loadedAt: new Date(), dataDir: resolve(options.dataDir), version: await packageVersion(), fingerprint });
      await db.connection.run("checkpoint");
      return reports;
    } finally {
      db.close();
      await rm(tempDir, { recursive: true, force: true });
    }
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { size } = await stat(warehouse);
  log(`input fingerprint ${shownFingerprint(fingerprint)}（数据指纹：打印的报表和下载的表格上印有同一指纹，即来自同一批文件）`);
  log(`warehouse ${warehouse} written in ${seconds} s (${(size / 1e6).toFixed(1)} MB)（数据仓库已更新，用时 ${seconds} 秒）`);
  return { warehouse, fingerprint, files: files.map(({ headerRow: _headerRow, titleRows: _titleRows, ...file }) => file) };
}
