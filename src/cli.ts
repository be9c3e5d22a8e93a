/**
 * The command line: parses arguments, calls the library, prints. Decisions live in the library;
 * this file only turns its results and typed errors into output and exit statuses.
 */
import { parseArgs } from "node:util";
import { UsageError, exitStatusFor } from "./errors.ts";
import { todayInChina } from "./today.ts";

export const usage = `cadreboard — 县管校聘 HR dashboard

Usage:
  cadreboard sample --out DIR [--staff N] [--seed S]
  cadreboard ingest --data DIR [--warehouse FILE]
  cadreboard models --warehouse FILE --as-of DATE --out DIR [--policy FILE] [--horizon-months N]
                    (--as-of defaults to today's date in China, Asia/Shanghai)

Exit status: 0 success, 1 an input problem that stops the work, 2 a usage error.`;

export type Command =
  | { kind: "help" }
  | { kind: "sample"; outDir: string; staff: number | undefined; seed: number | undefined }
  | { kind: "ingest"; dataDir: string; warehouse: string }
  | {
      kind: "models";
      warehouse: string;
      /** Undefined means today: the CLI reads the clock, rules never do. */
      asOf: string | undefined;
      outDir: string;
      policyPath: string | undefined;
      horizonMonths: number | undefined;
    };

export const defaultWarehouse = "cadreboard.duckdb";

const optionSpecs = {
  out: { type: "string" },
  staff: { type: "string" },
  seed: { type: "string" },
  data: { type: "string" },
  warehouse: { type: "string" },
  "as-of": { type: "string" },
  policy: { type: "string" },
  "horizon-months": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const allowedOptions: Record<Exclude<Command["kind"], "help">, readonly string[]> = {
  sample: ["out", "staff", "seed"],
  ingest: ["data", "warehouse"],
  models: ["warehouse", "as-of", "out", "policy", "horizon-months"],
};

/** Pure: argv (without node and script) → a command, or a UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpecs, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  const { values, positionals } = parsed;
  const [kind, ...rest] = positionals;
  if (values.help || kind === undefined || kind === "help") return { kind: "help" };
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"\n\n${usage}`);
  if (!(kind in allowedOptions)) throw new UsageError(`unknown command "${kind}"\n\n${usage}`);
  const allowed = allowedOptions[kind as keyof typeof allowedOptions];
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && name !== "help" && !allowed.includes(name)) {
      throw new UsageError(`"${kind}" takes no --${name}\n\n${usage}`);
    }
  }
  const required = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== "string" || value === "") throw new UsageError(`"${kind}" needs --${name}\n\n${usage}`);
    return value;
  };
  switch (kind) {
    case "sample":
      return {
        kind,
        outDir: required("out"),
        staff: positiveInteger(values.staff, "--staff"),
        seed: positiveInteger(values.seed, "--seed"),
      };
    case "ingest":
      return { kind, dataDir: required("data"), warehouse: values.warehouse ?? defaultWarehouse };
    default:
      return {
        kind: "models",
        warehouse: required("warehouse"),
        asOf: values["as-of"] === undefined ? undefined : isoDate(values["as-of"], "--as-of"),
        outDir: required("out"),
        policyPath: values.policy,
        horizonMonths: positiveInteger(values["horizon-months"], "--horizon-months"),
      };
  }
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a whole number ≥ 1, not "${value}"`);
  return Number(value);
}

function isoDate(value: string, flag: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} must be a date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

export async function main(argv: readonly string[], out = console.log, err = console.error): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case "help":
        out(usage);
        return 0;
      case "sample": {
        const { writeSampleCounty } = await import("./sample/index.ts");
        const report = await writeSampleCounty({ outDir: command.outDir, staff: command.staff, seed: command.seed });
        for (const file of report.files) out(`${file.path}\t${file.rows} rows`);
        return 0;
      }
      case "ingest": {
        const { ingest } = await import("../data-loaders/ingest.ts");
        await ingest({ dataDir: command.dataDir, warehouse: command.warehouse, log: out });
        return 0;
      }
      case "models": {
        const { runModels } = await import("./models/index.ts");
        await runModels({ ...command, asOf: command.asOf ?? todayInChina(), log: out });
        return 0;
      }
    }
  } catch (error) {
    err(error instanceof Error ? `${error.name === "Error" ? "error" : error.name}: ${error.message}` : String(error));
    return exitStatusFor(error);
  }
}
