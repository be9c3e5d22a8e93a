/**
 * The fingerprint of a load: a SHA-256 over the record files' names and bytes, in the contract's
 * file order. Printed reports and downloads carry its first 12 hex digits, so two of them can be
 * matched to the same input files; any change to any file (or a file added or taken away) changes it.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Digits shown on pages and in downloads; the warehouse keeps all 64. */
export const SHOWN_FINGERPRINT_DIGITS = 12;

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  await feed(hash, path);
  return hash.digest("hex");
}

/** One hash over every file: each contributes its name, its own SHA-256 and a separator. */
export function inputFingerprint(files: readonly { fileName: string; sha256: string }[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file.fileName}\0${file.sha256}\n`);
  return hash.digest("hex");
}

export const shownFingerprint = (fingerprint: string): string => fingerprint.slice(0, SHOWN_FINGERPRINT_DIGITS);

function feed(hash: Hash, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve());
  });
}
