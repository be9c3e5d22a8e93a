/**
 * The site's commands on the `cadreboard` command line: build, pdf and serve. Parsing is pure;
 * settings a flag leaves out come from the CADREBOARD_* environment (what `npm run build` has
 * always read), then from the defaults. src/cli.ts hands these commands here and prints.
 */
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { isoDate, parseOptions, positiveInteger } from "../args.ts";
import { UsageError } from "../errors.ts";
import { parseAudience } from "./audience.ts";
import config from "../../observablehq.config.ts";
import type { SiteBuildOptions } from "./build.ts";

/** The pages `--page` accepts: the config's, by the name of their file (index for 总览). */
export const sitePages: readonly string[] = config.pages.map((page) => (page.path === "/" ? "index" : page.path.slice(1)));

export const siteUsage = `  cadreboard build [--audience A] [--out DIR] [--as-of DATE] [--data DIR]
                    (A: bureau, public or school:<school_id>; DIR defaults to dist; without
                    --data, the sample county)
  cadreboard pdf --page PAGE --out FILE.pdf [--audience A] [--as-of DATE] [--data DIR] [--site DIR]
                    (PAGE: ${sitePages.join(", ")}; --site prints a site already built)
  cadreboard serve [--dir DIR] [--port N]
                    (shows a built site at http://127.0.0.1:3000/; DIR defaults to dist)`;


export const siteCommandNames = ["build", "pdf", "serve"] as const;
export type SiteCommandName = (typeof siteCommandNames)[number];
export const isSiteCommand = (name: string | undefined): name is SiteCommandName => siteCommandNames.includes(name as SiteCommandName);

/** Flags as given; what a flag leaves out is undefined and resolved at run time (the environment, the clock). */
export interface SiteSource {
  audience: string | undefined;
  asOf: string | undefined;
  dataDir: string | undefined;
}

export type SiteCommand =
  | ({ kind: "build"; outDir: string | undefined } & SiteSource)
  | ({ kind: "pdf"; page: string; out: string; siteDir: string | undefined } & SiteSource)
  | { kind: "serve"; dir: string; port: number | undefined };

const optionSpecs = {
  audience: { type: "string" },
  out: { type: "string" },
  "as-of": { type: "string" },
  data: { type: "string" },
  page: { type: "string" },
  site: { type: "string" },
  dir: { type: "string" },
  port: { type: "string" },
} as const;

const allowed: Record<SiteCommandName, readonly (keyof typeof optionSpecs)[]> = {
  build: ["audience", "out", "as-of", "data"],
  pdf: ["page", "out", "audience", "as-of", "data", "site"],
  serve: ["dir", "port"],
};

/** argv after the command name → a command, or a UsageError (`usage` is the whole CLI's, printed with it). */
export function parseSiteCommand(kind: SiteCommandName, argv: readonly string[], usage: string): SiteCommand {
  const { values, positionals } = parseOptions(argv, optionSpecs, usage, { command: kind, names: allowed[kind] });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${usage}`);
  const required = (name: "page" | "out"): string => {
    const value = values[name];
    if (!value) throw new UsageError(`"${kind}" needs --${name}\n\n${usage}`);
    return value;
  };
  const source: SiteSource = {
    audience: values.audience === undefined ? undefined : checkedAudience(values.audience),
    asOf: values["as-of"] === undefined ? undefined : isoDate(values["as-of"], "--as-of"),
    dataDir: values.data,
  };
  switch (kind) {
    case "build":
      return { kind, outDir: values.out, ...source };
    case "pdf":
      return { kind, page: pageName(required("page")), out: required("out"), siteDir: values.site, ...source };
    case "serve":
      return { kind, dir: values.dir ?? "dist", port: values.port === "0" ? 0 : positiveInteger(values.port, "--port") };
  }
}

function checkedAudience(text: string): string {
  parseAudience(text);
  return text;
}

function pageName(text: string): string {
  const name = text.replace(/^\//, "").replace(/\.html$/, "") || "index";
  if (!sitePages.includes(name)) throw new UsageError(`--page must be one of ${sitePages.join(", ")}, not "${text}"`);
  return name;
}

/** The CADREBOARD_* settings `npm run build` reads; a flag wins over its variable. */
export const siteVariables = {
  audience: "CADREBOARD_AUDIENCE",
  asOf: "CADREBOARD_AS_OF",
  dataDir: "CADREBOARD_DATA",
  policyPath: "CADREBOARD_POLICY",
  sampleStaff: "CADREBOARD_SAMPLE_STAFF",
  workDir: "CADREBOARD_WORK",
} as const;

/** Pure: a command's source flags, the environment and today's date → the build's options (without root and log). */
export function resolveBuild(
  source: SiteSource,
  outDir: string,
  env: Readonly<Record<string, string | undefined>>,
  today: string,
): Omit<SiteBuildOptions, "root" | "log"> {
  const fromEnv = (name: keyof typeof siteVariables) => env[siteVariables[name]] || undefined;
  const audience = source.audience ?? fromEnv("audience") ?? "bureau";
  parseAudience(audience);
  const asOfVariable = fromEnv("asOf");
  const sampleStaff = fromEnv("sampleStaff");
  const policyPath = fromEnv("policyPath");
  const workDir = fromEnv("workDir");
  const dataDir = source.dataDir ?? fromEnv("dataDir");
  return {
    audience,
    asOf: source.asOf ?? (asOfVariable ? isoDate(asOfVariable, siteVariables.asOf) : today),
    outDir: resolve(outDir),
    ...(dataDir ? { dataDir } : {}),
    ...(sampleStaff ? { sampleStaff: positiveInteger(sampleStaff, siteVariables.sampleStaff) } : {}),
    ...(policyPath ? { policyPath } : {}),
    ...(workDir ? { workDir } : {}),
  };
}

/** Where `cadreboard pdf` builds a site it is not given: a folder of its own, never the user's dist/. */
export const pdfSiteDir = (audience: string): string => join(tmpdir(), `cadreboard-pdf-${audience.replace(/[^A-Za-z0-9_-]/g, "_")}`);

/** What to type next, after a build: the folder as the user named it, relative when it is below here. */
export function viewHint(outDir: string, cwd = process.cwd()): string {
  const shown = relative(cwd, outDir);
  const dir = shown && !shown.startsWith("..") ? shown : outDir;
  return `查看：npx cadreboard serve --dir ${/\s/.test(dir) ? `"${dir}"` : dir}，然后用浏览器打开它显示的地址（如 http://127.0.0.1:3000/）`;
}

/** Runs a site command; `out` gets the progress and the result, as every command's output does. */
export async function runSiteCommand(command: SiteCommand, out: (line: string) => void, options: { root: string; env?: NodeJS.ProcessEnv; today: string }): Promise<number> {
  const env = options.env ?? process.env;
  switch (command.kind) {
    case "build": {
      const { buildSite } = await import("./build.ts");
      const settings = resolveBuild(command, command.outDir ?? "dist", env, options.today);
      await buildSite({ root: options.root, ...settings, log: out });
      out(`站点已生成：${settings.outDir}`);
      out(viewHint(settings.outDir));
      return 0;
    }
    case "pdf": {
      const { printPage } = await import("./pdf.ts");
      let siteDir = command.siteDir;
      if (!siteDir) {
        const { buildSite } = await import("./build.ts");
        const settings = resolveBuild(command, pdfSiteDir(command.audience ?? env[siteVariables.audience] ?? "bureau"), env, options.today);
        await buildSite({ root: options.root, ...settings, log: out });
        siteDir = settings.outDir;
      }
      out(`已打印：${await printPage({ siteDir, page: command.page, out: command.out })}`);
      return 0;
    }
    case "serve": {
      const { serveDirectory } = await import("./serve.ts");
      const server = await serveDirectory(command.dir, command.port === undefined ? {} : { port: command.port });
      out(`正在提供 ${resolve(command.dir)}（只有本机可以访问；按 Ctrl+C 停止）`);
      out(`请用浏览器打开 ${server.url}/`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          done();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await server.close();
      return 0;
    }
  }
}
