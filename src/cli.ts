/**
 * The command line: parses arguments, calls the library, prints. Decisions live in the library;
 * this file only turns its results and typed errors into output and exit statuses.
 */
import { join } from "node:path";
import { isoDate, parseOptions, positiveInteger } from "./args.ts";
import { UsageError, exitStatusFor } from "./errors.ts";
import { isSiteCommand, parseSiteCommand, runSiteCommand, siteUsage, type SiteCommand } from "./site/commands.ts";
import { todayInChina } from "./today.ts";

export const usage = `cadreboard — 县管校聘 HR dashboard

Usage:
  cadreboard sample --out DIR [--staff N] [--seed S]
  cadreboard ingest --data DIR [--warehouse FILE]
  cadreboard models --warehouse FILE --as-of DATE --out DIR [--policy FILE] [--horizon-months N]
                    (--as-of defaults to today's date in China, Asia/Shanghai)
  cadreboard plan --warehouse FILE --year Y --out DIR [--policy FILE] [--check PLANFILE]
                    (drafts school year Y's rotation plan; with --check, checks a plan the
                    bureau wrote, CSV or XLSX, against every PLAN rule)
  cadreboard outlook --warehouse FILE --as-of DATE --out DIR [--years N] [--policy FILE]
                    (--as-of defaults to today's date in China, Asia/Shanghai; --years to 5)
${siteUsage}

Exit status: 0 success, 1 an input problem that stops the work, 2 a usage error.`;

export type Command =
  | { kind: "help" }
  | SiteCommand
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
    }
  | { kind: "plan"; warehouse: string; year: number; outDir: string; policyPath: string | undefined; checkFile: string | undefined }
  | {
      kind: "outlook";
      warehouse: string;
      /** Undefined means today, as for models. */
      asOf: string | undefined;
      outDir: string;
      policyPath: string | undefined;
      /** School years after the as-of round; undefined means the default (5). */
      years: number | undefined;
    };

export const defaultWarehouse = "cadreboard.duckdb";

/** The checkout this CLI runs from (holds reports/ and node_modules/, which a site build needs). */
const projectRoot = join(import.meta.dirname, "..");

const optionSpecs = {
  out: { type: "string" },
  staff: { type: "string" },
  seed: { type: "string" },
  data: { type: "string" },
  warehouse: { type: "string" },
  "as-of": { type: "string" },
  policy: { type: "string" },
  "horizon-months": { type: "string" },
  year: { type: "string" },
  check: { type: "string" },
  years: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const allowedOptions: Record<Exclude<Command["kind"], "help" | SiteCommand["kind"]>, readonly string[]> = {
  sample: ["out", "staff", "seed"],
  ingest: ["data", "warehouse"],
  models: ["warehouse", "as-of", "out", "policy", "horizon-months"],
  plan: ["warehouse", "year", "out", "policy", "check"],
  outlook: ["warehouse", "as-of", "out", "policy", "years"],
};

/** Pure: argv (without node and script) → a command, or a UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  // The site's commands (build, pdf, serve) have options of their own: src/site/commands.ts.
  if (isSiteCommand(argv[0]) && !argv.includes("--help") && !argv.includes("-h")) return parseSiteCommand(argv[0], argv.slice(1), usage);
  const { values, positionals } = parseOptions(argv, optionSpecs, usage);
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
    case "plan":
      return {
        kind,
        warehouse: required("warehouse"),
        year: schoolYear(required("year")),
        outDir: required("out"),
        policyPath: values.policy,
        checkFile: values.check,
      };
    case "outlook":
      return {
        kind,
        warehouse: required("warehouse"),
        asOf: values["as-of"] === undefined ? undefined : isoDate(values["as-of"], "--as-of"),
        outDir: required("out"),
        policyPath: values.policy,
        years: positiveInteger(values.years, "--years"),
      };
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

function schoolYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`--year must be a school year such as 2027, not "${value}"\n\n${usage}`);
  return Number(value);
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
      case "plan": {
        const { runPlan } = await import("./plan/index.ts");
        await runPlan({ ...command, log: out });
        return 0;
      }
      case "outlook": {
        const { runOutlook } = await import("./models/index.ts");
        const { years, ...options } = command;
        await runOutlook({ ...options, asOf: command.asOf ?? todayInChina(), outlookYears: years, log: out });
        return 0;
      }
      case "build":
      case "pdf":
      case "serve":
        return await runSiteCommand(command, out, { root: projectRoot, today: todayInChina() });
    }
  } catch (error) {
    err(error instanceof Error ? `${error.name === "Error" ? "error" : error.name}: ${error.message}` : String(error));
    return exitStatusFor(error);
  }
}
