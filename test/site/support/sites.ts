/**
 * The three audience builds the site tests look at, built once per test run, each the way a
 * user builds it: `cadreboard build` on the command line, as on a new machine (a fresh HOME),
 * with Framework's telemetry address pointed at a local listener and OBSERVABLE_TELEMETRY_DISABLE
 * taken out of the environment: whatever reaches the listener, the build sent.
 *
 * Source: the sample county (sample → ingest → models) with two cadres renamed to hostile
 * HTML, so that the same builds serve the privacy, XSS and browser tests.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostileNames } from "./hostile.ts";
import { listen } from "./listener.ts";

export const root = join(import.meta.dirname, "..", "..", "..");
const work = join(root, ".cadreboard", "test-site");
export const AS_OF = "2026-09-01";

export interface Person {
  staffId: string;
  name: string;
  idNumber: string;
  /** Every school the person ever had an appointment at, and the one the draft plan sends them to (交流方案 shows a school its incoming people). */
  schools: Set<string>;
}

export interface Sites {
  source: string;
  dirs: Record<"bureau" | "public" | "school", string>;
  schoolId: string;
  people: Person[];
  hostile: string[];
  /** Every line the builds logged (Framework's included). */
  log: string[];
  /** What reached the telemetry listener during the builds ("METHOD path"). */
  telemetryRequests: string[];
}

export async function buildTestSites(): Promise<Sites> {
  await mkdir(work, { recursive: true });
  const source = await sampleSource();
  const dirs = { bureau: join(work, "dist-bureau"), public: join(work, "dist-public"), school: join(work, "dist-school") };
  const audiences = { bureau: "bureau", public: "public", school: `school:${source.schoolId}` } as const;
  const log: string[] = [];
  const listener = await listen();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: await mkdtemp(join(tmpdir(), "home-")),
      OBSERVABLE_TELEMETRY_ORIGIN: listener.url,
      CADREBOARD_WORK: work,
    };
    delete env.OBSERVABLE_TELEMETRY_DISABLE;
    for (const key of ["bureau", "public", "school"] as const) {
      await cadreboard(["build", "--audience", audiences[key], "--as-of", AS_OF, "--out", dirs[key], "--data", source.dataDir], env, log);
    }
  } finally {
    await listener.close();
  }
  await addPlannedSchools(source.people, join(work, "marts.duckdb"));
  return { source: source.kind, dirs, schoolId: source.schoolId, people: source.people, hostile: hostileNames, log, telemetryRequests: listener.requests };
}

/** The school the builds' draft plan (in their marts) sends each person to: a school build names its incoming people. */
async function addPlannedSchools(people: Person[], marts: string): Promise<void> {
  const { openDatabase, queryJson } = await import("../../../src/warehouse/duckdb.ts");
  const db = await openDatabase(marts, { readOnly: true });
  try {
    const byId = new Map(people.map((person) => [person.staffId, person]));
    for (const row of await queryJson(db.connection, "select staff_id, to_school_id from rotation_plan")) byId.get(String(row.staff_id))?.schools.add(String(row.to_school_id));
  } finally {
    db.close();
  }
}

/** Runs the cadreboard CLI; its output goes into `log` line by line; a non-zero exit throws with the tail. */
function cadreboard(args: string[], env: NodeJS.ProcessEnv, log: string[]): Promise<void> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [join(root, "bin", "cadreboard.mjs"), ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const collect = (chunk: Buffer) => log.push(...chunk.toString("utf8").split("\n").filter((line) => line.trim()));
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", failed);
    child.on("close", (code) => (code === 0 ? done() : failed(new Error(`cadreboard ${args.join(" ")} exited with ${code}:\n${log.slice(-20).join("\n")}`))));
  });
}

/** The sample county with the principal of the first school and one of its middle cadres given hostile names. */
async function sampleSource() {
  const { writeSampleCounty } = await import("../../../src/sample/index.ts");
  const dataDir = join(work, "sample-data");
  if (!existsSync(join(dataDir, ".complete"))) {
    await rm(dataDir, { recursive: true, force: true });
    await writeSampleCounty({ outDir: dataDir });
    await writeFile(join(dataDir, ".complete"), "");
  }
  const staff = parseCsv(await readFile(join(dataDir, "staff.csv"), "utf8"));
  const appointments = parseCsv(await readFile(join(dataDir, "appointments.csv"), "utf8"));
  const schools = new Map<string, Set<string>>();
  for (const row of appointments.rows) {
    const id = row[0]!;
    schools.set(id, (schools.get(id) ?? new Set()).add(row[1]!));
  }
  const schoolId = appointments.rows[0]![1]!;
  const cadres = appointments.rows.filter((row) => row[1] === schoolId && ["校长", "中层正职"].includes(row[2]!) && !row[5]).map((row) => row[0]!);
  const renamed = new Map([[cadres[0]!, hostileNames[0]!], [cadres.find((id) => id !== cadres[0])!, hostileNames[1]!]]);
  // Rewrite staff.csv in a copy of the sample, with the hostile names (quoted for CSV).
  const hostileDir = join(work, "sample-hostile");
  await rm(hostileDir, { recursive: true, force: true });
  await cp(dataDir, hostileDir, { recursive: true });
  const lines = (await readFile(join(dataDir, "staff.csv"), "utf8")).split(/\r?\n/);
  const rewritten = lines.map((line, i) => {
    if (i === 0 || !line) return line;
    const cells = line.split(",");
    const name = renamed.get(cells[0]!);
    return name ? [cells[0], `"${name.replaceAll('"', '""')}"`, ...cells.slice(2)].join(",") : line;
  });
  await writeFile(join(hostileDir, "staff.csv"), rewritten.join("\n"));
  const people = staff.rows.map((row) => ({
    staffId: row[0]!,
    name: renamed.get(row[0]!) ?? row[1]!,
    idNumber: row[2] ?? "",
    schools: schools.get(row[0]!) ?? new Set<string>(),
  }));
  return { kind: "sample county" as const, dataDir: hostileDir, schoolId, people };
}

/** The sample's CSV has no quoted fields (checked: names and codes hold no commas). */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [header, ...lines] = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  return { header: header!.split(","), rows: lines.map((line) => line.split(",")) };
}
