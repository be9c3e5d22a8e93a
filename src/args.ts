/** Checks on command-line values shared by every command: a usage error names the flag and the value. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.ts";

export function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a whole number ≥ 1, not "${value}"`);
  return Number(value);
}

export function isoDate(value: string, flag: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} must be a date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

/**
 * node:util's parseArgs, strict, for one command: a bad or unknown option, or one the command
 * does not take, is a UsageError carrying the whole usage text.
 */
export function parseOptions<const O extends ParseArgsConfig["options"]>(
  argv: readonly string[],
  options: O,
  usage: string,
  allowed?: { command: string; names: readonly string[] },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  if (allowed) {
    for (const [name, value] of Object.entries(parsed.values)) {
      if (value !== undefined && name !== "help" && !allowed.names.includes(name)) throw new UsageError(`"${allowed.command}" takes no --${name}\n\n${usage}`);
    }
  }
  return parsed;
}
