/**
 * The audience builds the site tests look at, each the way a user builds it: `cadreboard build`
 * on the command line, as on a new machine (a fresh HOME), with Framework's telemetry address
 * pointed at a local listener and OBSERVABLE_TELEMETRY_DISABLE taken out of the environment:
 * whatever reaches the listener, the build sent.
 *
 * Source: the sample county with two cadres renamed to hostile HTML, so that the same builds
 * serve the privacy, XSS and browser tests. The test files (one per audience) run in parallel:
 * the renamed copy is written once per test run, under a lock and into place by a rename, and the
 * builds take turns on the checkout's build lock, the first of them ingesting the copy and
 * computing the marts that the others then find up to date (src/site/build.ts).
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shownFingerprint } from "../../../data-loaders/fingerprint.ts";
import { audienceText } from "../../../src/site/audience.ts";
import { sampleCounty } from "../../../src/site/build.ts";
import { withBuildLock } from "../../../src/site/lock.ts";
import { openDatabase, queryJson } from "../../../src/warehouse/duckdb.ts";
import { hostileNames } from "./hostile.ts";
import { listen } from "./listener.ts";

export const root = join(import.meta.dirname, "..", "..", "..");
const work = join(root, ".cadreboard", "test-site");
/** The marts the builds read (and wrote, the first of them): the draft plan's moves. */
export const martsFile = join(work, "marts.duckdb");
export const AS_OF = "2026-09-01";

export type Audience = "bureau" | "public" | "school";

export interface Person {
  staffId: string;
  name: string;
  idNumber: string;
  /** Every school the person ever had an appointment at, and the one the draft plan sends them to (交流方案 shows a school its incoming people). */
  schools: Set<string>;
}

export interface Site {
  audience: Audience;
  /** The build's `--audience` (school:<id> for the school build). */
  audienceFlag: string;
  source: string;
  /** The build's output folder. */
  dir: string;
  /** The school of the school build (the one whose cadres have hostile names). */
  schoolId: string;
  people: Person[];
  hostile: string[];
  /** Every line the build logged (Framework's included). */
  log: string[];
  /** What reached the telemetry listener during the build ("METHOD path"). */
  telemetryRequests: string[];
  /** The first digits of the input fingerprint, as the warehouse the build read holds it. */
  fingerprint: string;
}

/** Builds one audience's site from the hostile sample; `run` names the test run (the copy is written once per run). */
export async function buildTestSite(audience: Audience, run: string): Promise<Site> {
  const source = await hostileSample(run);
  const audienceFlag = audienceText(audience === "school" ? { kind: "school", schoolId: source.schoolId } : { kind: audience });
  const dir = join(work, `dist-${audience}`);
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
    await cadreboard(["build", "--audience", audienceFlag, "--as-of", AS_OF, "--out", dir, "--data", source.dataDir], env, log);
  } finally {
    await listener.close();
  }
  await addPlannedSchools(source.people);
  return {
    audience, audienceFlag, source: source.kind, dir, schoolId: source.schoolId, people: source.people, hostile: hostileNames, log,
    telemetryRequests: listener.requests, fingerprint: await warehouseFingerprint(),
  };
}

/** The school the builds' draft plan (in their marts) sends each person to: a school build names its incoming people. */
async function addPlannedSchools(people: Person[]): Promise<void> {
  const db = await openDatabase(martsFile, { readOnly: true });
  try {
    const byId = new Map(people.map((person) => [person.staffId, person]));
    for (const row of await queryJson(db.connection, "select staff_id, to_school_id from rotation_plan")) byId.get(String(row.staff_id))?.schools.add(String(row.to_school_id));
  } finally {
    db.close();
  }
}

async function warehouseFingerprint(): Promise<string> {
  const warehouse = await openDatabase(join(work, "warehouse.duckdb"), { readOnly: true });
  try {
    const [row] = await queryJson(warehouse.connection, "select input_fingerprint from load_info");
    return shownFingerprint(String(row!.input_fingerprint));
  } finally {
    warehouse.close();
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

/**
 * The sample county with the principal of the first school and one of its middle cadres given
 * hostile names. The copy is written when this test run has not written it yet (so the first
 * build of every run ingests it afresh, as a user's first build would), under a lock, into a
 * folder of its own that is then renamed into place: a test file never sees it half written,
 * and no file rewrites it while another's build reads it.
 */
async function hostileSample(run: string) {
  const hostileDir = join(work, "sample-hostile");
  await mkdir(work, { recursive: true });
  return withBuildLock(join(work, "sample-hostile.lock"), () => {}, async () => {
    const dataDir = await sampleCounty(work, undefined, () => {});
    const stamp = `test run ${run}\n${await readFile(join(dataDir, ".complete"), "utf8")}`;
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
    if ((await readFile(join(hostileDir, ".complete"), "utf8").catch(() => undefined)) !== stamp) {
      await writeHostileCopy(dataDir, hostileDir, renamed, stamp);
    }
    const people = staff.rows.map((row) => ({
      staffId: row[0]!,
      name: renamed.get(row[0]!) ?? row[1]!,
      idNumber: row[2] ?? "",
      schools: schools.get(row[0]!) ?? new Set<string>(),
    }));
    return { kind: "sample county" as const, dataDir: hostileDir, schoolId, people };
  });
}

/** staff.csv rewritten in a copy of the sample, with the hostile names (quoted for CSV). */
async function writeHostileCopy(dataDir: string, hostileDir: string, renamed: Map<string, string>, stamp: string): Promise<void> {
  const temp = `${hostileDir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await cp(dataDir, temp, { recursive: true });
  const lines = (await readFile(join(dataDir, "staff.csv"), "utf8")).split(/\r?\n/);
  const rewritten = lines.map((line, i) => {
    if (i === 0 || !line) return line;
    const cells = line.split(",");
    const name = renamed.get(cells[0]!);
    return name ? [cells[0], `"${name.replaceAll('"', '""')}"`, ...cells.slice(2)].join(",") : line;
  });
  await writeFile(join(temp, "staff.csv"), rewritten.join("\n"));
  await writeFile(join(temp, ".complete"), stamp);
  await rm(hostileDir, { recursive: true, force: true });
  await rename(temp, hostileDir);
}

/** The sample's CSV has no quoted fields (checked: names and codes hold no commas). */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [header, ...lines] = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  return { header: header!.split(","), rows: lines.map((line) => line.split(",")) };
}
