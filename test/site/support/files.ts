/** A built site's files, and which of some values they hold: the privacy tests' search. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export async function filesOf(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(path, "utf8") })));
}

/**
 * Files holding a value. Match "anywhere": the raw text or its JSON-escaped form anywhere in a file
 * (strictest). Match "whole": a staff ID or ID number not inside a longer one, or a name as a whole
 * JSON string value ("陈勇" must not match 陈勇军).
 */
export function occurrences(files: { path: string; text: string }[], values: string[], match: "anywhere" | "whole" | "json-value"): string[] {
  const found: string[] = [];
  for (const value of values.filter(Boolean)) {
    const json = JSON.stringify(value);
    const forms = [...new Set([value, json.slice(1, -1)])];
    const pattern =
      match === "json-value"
        ? new RegExp(escape(json))
        : new RegExp(forms.map((form) => (match === "whole" ? `(?<![0-9A-Za-z])${escape(form)}(?![0-9A-Za-z])` : escape(form))).join("|"));
    const hit = files.find((file) => pattern.test(file.text));
    if (hit) found.push(`${value} in ${hit.path}`);
  }
  return found;
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
