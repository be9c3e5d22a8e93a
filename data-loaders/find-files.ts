/**
 * Which record files a data folder holds: NAME.csv or NAME.xlsx for each file of the contract.
 * File names match case-insensitively (Windows users save STAFF.CSV as often as staff.csv).
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { recordFiles, type FileSpec } from "../src/contract.ts";
import { InputError } from "../src/errors.ts";

export interface SourceFile {
  spec: FileSpec;
  path: string;
  /** As the folder spells it, e.g. `staff.csv`: used in messages and in raw_rejects. */
  fileName: string;
  format: "csv" | "xlsx";
}

export async function findRecordFiles(dataDir: string): Promise<SourceFile[]> {
  let entries: string[];
  try {
    if (!(await stat(dataDir)).isDirectory()) throw new Error("not a folder");
    entries = await readdir(dataDir);
  } catch {
    throw new InputError(
      `找不到数据文件夹 ${dataDir}：路径不存在或不是文件夹。请检查 --data 参数 (file ${dataDir}: folder not found)`,
      { file: dataDir },
    );
  }
  const found: SourceFile[] = [];
  for (const spec of recordFiles) {
    const matches = entries
      .filter((entry) => !entry.startsWith("~$")) // Excel's lock file while a workbook is open
      .map((entry) => ({ entry, match: /^(.*)\.(csv|xlsx)$/i.exec(entry) }))
      .filter(({ match }) => match?.[1]?.toLowerCase() === spec.name);
    if (matches.length > 1) {
      const names = matches.map(({ entry }) => entry).join(" 和 ");
      throw new InputError(
        `${spec.name} 有两个文件 ${names}：不知道该读哪一个。请只保留其中一个后重新导入 (file ${spec.name}: both ${names} present)`,
        { file: matches[0]!.entry },
      );
    }
    const [only] = matches;
    if (!only) {
      if (spec.required) {
        throw new InputError(
          `缺少${spec.label}文件 ${spec.name}.csv 或 ${spec.name}.xlsx：在 ${dataDir} 中没有找到。` +
            `请把该文件放进数据文件夹后重新导入 (file ${spec.name}.csv: required file missing)`,
          { file: `${spec.name}.csv` },
        );
      }
      continue;
    }
    const format = only.match![2]!.toLowerCase() as "csv" | "xlsx";
    found.push({ spec, path: join(dataDir, only.entry), fileName: only.entry, format });
  }
  return found;
}
