/** Writes a sample county into a fresh temporary folder for a test file. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeSampleCounty } from "../../src/sample/index.ts";

export async function generateSample(options: { staff?: number; seed?: number } = {}): Promise<string> {
  const outDir = join(mkdtempSync(join(tmpdir(), "cadreboard-sample-")), "county");
  await writeSampleCounty({ outDir, ...options });
  return outDir;
}
