import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../src/cli.ts";
import { resolveBuild } from "../src/site/commands.ts";
import { todayInChina } from "../src/today.ts";
import { UsageError } from "../src/errors.ts";

describe("parseCommand", () => {
  it.each([
    [["sample", "--out", "d"], { kind: "sample", outDir: "d", staff: undefined, seed: undefined }],
    [["sample", "--out", "d", "--staff", "100000", "--seed", "7"], { kind: "sample", outDir: "d", staff: 100000, seed: 7 }],
    [["ingest", "--data", "in"], { kind: "ingest", dataDir: "in", warehouse: "cadreboard.duckdb" }],
    [["ingest", "--data", "in", "--warehouse", "w.duckdb"], { kind: "ingest", dataDir: "in", warehouse: "w.duckdb" }],
    [
      ["models", "--warehouse", "w", "--as-of", "2026-09-01", "--out", "o"],
      { kind: "models", warehouse: "w", asOf: "2026-09-01", outDir: "o", policyPath: undefined, horizonMonths: undefined },
    ],
    [
      ["models", "--warehouse", "w", "--as-of", "2024-02-29", "--out", "o", "--policy", "p.yaml", "--horizon-months", "12"],
      { kind: "models", warehouse: "w", asOf: "2024-02-29", outDir: "o", policyPath: "p.yaml", horizonMonths: 12 },
    ],
    [
      ["models", "--warehouse", "w", "--out", "o"],
      { kind: "models", warehouse: "w", asOf: undefined, outDir: "o", policyPath: undefined, horizonMonths: undefined },
    ],
    [
      ["outlook", "--warehouse", "w", "--as-of", "2026-12-02", "--out", "o"],
      { kind: "outlook", warehouse: "w", asOf: "2026-12-02", outDir: "o", policyPath: undefined, years: undefined },
    ],
    [
      ["outlook", "--warehouse", "w", "--out", "o", "--years", "3", "--policy", "p.yaml"],
      { kind: "outlook", warehouse: "w", asOf: undefined, outDir: "o", policyPath: "p.yaml", years: 3 },
    ],
    [[], { kind: "help" }],
    [["--help"], { kind: "help" }],
    [["build"], { kind: "build", outDir: undefined, audience: undefined, asOf: undefined, dataDir: undefined }],
    [
      ["build", "--audience", "school:3136000001", "--out", "dist-school", "--as-of", "2026-09-01", "--data", "records"],
      { kind: "build", outDir: "dist-school", audience: "school:3136000001", asOf: "2026-09-01", dataDir: "records" },
    ],
    [["build", "--help"], { kind: "help" }],
    [
      ["pdf", "--page", "summary", "--out", "s.pdf"],
      { kind: "pdf", page: "summary", out: "s.pdf", siteDir: undefined, audience: undefined, asOf: undefined, dataDir: undefined },
    ],
    [
      ["pdf", "--page", "/", "--out", "s.pdf", "--audience", "public", "--site", "dist-public"],
      { kind: "pdf", page: "index", out: "s.pdf", siteDir: "dist-public", audience: "public", asOf: undefined, dataDir: undefined },
    ],
    [["serve"], { kind: "serve", dir: "dist", port: undefined }],
    [["serve", "--dir", "dist-public", "--port", "8080"], { kind: "serve", dir: "dist-public", port: 8080 }],
    [["serve", "--port", "0"], { kind: "serve", dir: "dist", port: 0 }],
  ])("%j parses", (argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["sample"], /needs --out/],
    [["sample", "--out", "d", "--staff", "0"], /--staff must be a whole number ≥ 1/],
    [["sample", "--out", "d", "--staff", "1e3"], /--staff must be a whole number/],
    [["ingest"], /needs --data/],
    [["ingest", "--data", "d", "--as-of", "2026-01-01"], /"ingest" takes no --as-of/],
    [["models", "--warehouse", "w", "--as-of", "2023-02-29", "--out", "o"], /--as-of must be a date/],
    [["models", "--warehouse", "w", "--as-of", "2023/02/01", "--out", "o"], /--as-of must be a date/],
    [["outlook", "--warehouse", "w", "--out", "o", "--years", "0"], /--years must be a whole number ≥ 1/],
    [["outlook", "--warehouse", "w", "--out", "o", "--horizon-months", "12"], /"outlook" takes no --horizon-months/],
    [["outlook", "--out", "o"], /"outlook" needs --warehouse/],
    [["models", "--warehouse", "w", "--out", "o", "--years", "3"], /"models" takes no --years/],
    [["sample", "--out", "d", "--bogus"], /Unknown option '--bogus'/],
    [["sample", "--out", "d", "extra"], /unexpected argument "extra"/],
    [["build", "--audience", "everyone"], /bureau, public or school:<school_id>/],
    [["build", "--as-of", "2026-02-30"], /--as-of must be a date/],
    [["build", "--page", "summary"], /"build" takes no --page/],
    [["build", "dist"], /unexpected argument "dist"/],
    [["pdf", "--out", "s.pdf"], /"pdf" needs --page/],
    [["pdf", "--page", "summary"], /"pdf" needs --out/],
    [["pdf", "--page", "payroll", "--out", "s.pdf"], /--page must be one of index, structure, .*summary/],
    [["serve", "--port", "http"], /--port must be a whole number/],
    [["serve", "--audience", "public"], /"serve" takes no --audience/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe("a site build's settings: a flag, else its CADREBOARD_* variable, else the default", () => {
  it.each<[string, Parameters<typeof resolveBuild>[0], Record<string, string>, Partial<ReturnType<typeof resolveBuild>>]>([
    ["nothing given: the bureau, today, the sample", { audience: undefined, asOf: undefined, dataDir: undefined }, {}, { audience: "bureau", asOf: "2026-11-30" }],
    [
      "the variables npm run build has always read",
      { audience: undefined, asOf: undefined, dataDir: undefined },
      { CADREBOARD_AUDIENCE: "public", CADREBOARD_AS_OF: "2026-09-01", CADREBOARD_DATA: "records", CADREBOARD_POLICY: "p.yaml", CADREBOARD_SAMPLE_STAFF: "500" },
      { audience: "public", asOf: "2026-09-01", dataDir: "records", policyPath: "p.yaml", sampleStaff: 500 },
    ],
    [
      "a flag wins over its variable",
      { audience: "school:S1", asOf: "2025-09-01", dataDir: "mine" },
      { CADREBOARD_AUDIENCE: "public", CADREBOARD_AS_OF: "2026-09-01", CADREBOARD_DATA: "records" },
      { audience: "school:S1", asOf: "2025-09-01", dataDir: "mine" },
    ],
    ["an empty variable counts as unset", { audience: undefined, asOf: undefined, dataDir: undefined }, { CADREBOARD_AUDIENCE: "", CADREBOARD_AS_OF: "" }, { audience: "bureau", asOf: "2026-11-30" }],
  ])("%s", (_, source, env, expected) => {
    const settings = resolveBuild(source, "dist", env, "2026-11-30");
    expect(settings).toMatchObject(expected);
    // No data folder given anywhere: the sample county.
    if (!source.dataDir && !env.CADREBOARD_DATA) expect(settings.dataDir).toBeUndefined();
    expect(settings.outDir).toBe(resolve("dist"));
  });

  it.each([
    [{ CADREBOARD_AS_OF: "1 Sept 2026" }, /CADREBOARD_AS_OF must be a date/],
    [{ CADREBOARD_AUDIENCE: "everyone" }, /bureau, public or school:<school_id>/],
    [{ CADREBOARD_SAMPLE_STAFF: "lots" }, /CADREBOARD_SAMPLE_STAFF must be a whole number/],
  ])("a bad variable %j is a usage error naming it", (env, message) => {
    expect(() => resolveBuild({ audience: undefined, asOf: undefined, dataDir: undefined }, "dist", env, "2026-11-30")).toThrow(message);
  });
});

describe("todayInChina", () => {
  it.each([
    ["2026-11-22T15:59:59Z", "2026-11-22"],
    ["2026-11-22T16:00:00Z", "2026-11-23"],
  ])("%s UTC is %s in Beijing", (instant, day) => {
    expect(todayInChina(new Date(instant))).toBe(day);
  });
});

describe("the cadreboard bin", () => {
  it("exits 2 with the usage on a bad command line", () => {
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "nonsense"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "nonsense"');
    expect(result.stderr).toContain("cadreboard ingest --data DIR");
  });

  it("prints the usage and exits 0 for help", () => {
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("cadreboard models --warehouse FILE --as-of DATE --out DIR");
    expect(result.stdout).toContain("cadreboard outlook --warehouse FILE --as-of DATE --out DIR [--years N] [--policy FILE]");
    expect(result.stdout).toContain("cadreboard build [--audience A] [--out DIR] [--as-of DATE] [--data DIR]");
  });

  it("build --help prints the same usage as every command", () => {
    const help = spawnSync(process.execPath, ["bin/cadreboard.mjs", "help"], { encoding: "utf8" });
    const buildHelp = spawnSync(process.execPath, ["bin/cadreboard.mjs", "build", "--help"], { encoding: "utf8" });
    expect(buildHelp.status).toBe(0);
    expect(buildHelp.stdout).toBe(help.stdout);
  });

  it("build exits 2 with the usage on a bad audience, before any work", () => {
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "build", "--audience", "everyone"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('audience "everyone" is not known');
  });

  it("build exits 2 on a bad CADREBOARD_AS_OF, naming the variable", () => {
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "build"], { encoding: "utf8", env: { ...process.env, CADREBOARD_AS_OF: "2026/09/01" } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("CADREBOARD_AS_OF must be a date written YYYY-MM-DD");
  });

  it("pdf without Chromium exits 1 and names the Debian package to install", async () => {
    const site = await tinySite();
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "pdf", "--page", "summary", "--site", site, "--out", join(site, "s.pdf")], {
      encoding: "utf8",
      env: { ...process.env, CHROMIUM_PATH: join(site, "no-such-chromium") },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/SetupError: pdf: no Chromium at .*no-such-chromium\. Install Debian's package "chromium"/);
  });

  it("serve exits 1 when the folder holds no built site", async () => {
    const empty = await mkdtemp(join(tmpdir(), "empty-"));
    const result = spawnSync(process.execPath, ["bin/cadreboard.mjs", "serve", "--dir", empty, "--port", "0"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("holds no built site (no index.html)");
  });

  it("serve prints the address on 127.0.0.1 and serves the site's pages by their clean URLs until stopped", async () => {
    const site = await tinySite();
    const child = spawn(process.execPath, ["bin/cadreboard.mjs", "serve", "--dir", site, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const address = await new Promise<string>((found, failed) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          const match = /请用浏览器打开 (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
          if (match) found(match[1]!);
        });
        child.on("exit", (code) => failed(new Error(`serve exited with ${code}: ${text}`)));
      });
      expect(await (await fetch(address)).text()).toContain("总览");
      expect(await (await fetch(`${address}summary`)).text()).toContain("年度总结");
      expect((await fetch(`${address}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
      expect((await fetch(`${address}nothing-here`)).status).toBe(404);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise((done) => (child.exitCode !== null ? done(child.exitCode) : child.on("exit", done)));
    expect(code).toBe(0);
  });
});

/** A folder that looks like a built site: two pages. */
async function tinySite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "site-"));
  await writeFile(join(dir, "index.html"), "<!doctype html><title>总览</title>");
  await writeFile(join(dir, "summary.html"), "<!doctype html><title>年度总结</title>");
  return dir;
}
