/**
 * `cadreboard sample`: writes a deterministic synthetic county (schools, staff, appointments,
 * appraisals, rotations, exemptions, and the bureau's approved cadre posts) as the seven record
 * files of the data contract. Output depends only on the options: same seed and size →
 * byte-identical files.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { RecordFileName } from "../contract.ts";
import { appraisalsFor } from "./appraisals.ts";
import { makeCounty } from "./county.ts";
import { CsvFile } from "./csv.ts";
import { AS_OF, SAMPLE_HISTORY_END_TEXT } from "./dates.ts";
import type { Person } from "./people.ts";
import { plantingSchool } from "./planted.ts";
import { Random } from "./random.ts";
import { leaderPosts } from "./cadres.ts";
import { appointmentRows, appraisalRow, establishmentRow, exemptionRows, headerOf, rotationRows, schoolRow, staffRow } from "./rows.ts";
import { schoolPeople } from "./school-staff.ts";
import { assignRotationHabits, planSchools, type School } from "./schools.ts";

export const SAMPLE_HISTORY_END = SAMPLE_HISTORY_END_TEXT; // records run from 2010 up to this date (fixed, never the clock)
export const DEFAULT_STAFF = 3000;
export const DEFAULT_SEED = 1;

export interface SampleOptions {
  outDir: string;
  staff?: number;
  seed?: number;
}

export async function writeSampleCounty(options: SampleOptions): Promise<{ files: { name: string; path: string; rows: number }[] }> {
  const staff = options.staff ?? DEFAULT_STAFF;
  const seed = options.seed ?? DEFAULT_SEED;
  await mkdir(options.outDir, { recursive: true });
  const schools = planSchools(staff, new Random(seed, 0));
  const county = makeCounty(schools);
  const planting = plantingSchool(schools);
  // the experimental school and the planting school keep every planted figure: no habits drawn for them
  assignRotationHabits(schools, new Random(seed, -2), new Set([0, planting.index]));
  county.handMadeLeaders.add(planting.index);
  const open = (name: RecordFileName) => new CsvFile(join(options.outDir, `${name}.csv`), headerOf(name));
  const files = {
    staff: open("staff"), appointments: open("appointments"), appraisals: open("appraisals"),
    rotations: open("rotations"), exemptions: open("exemptions"), establishments: open("establishments"),
  };
  const establishmentRng = new Random(seed, -3);
  for (const school of schools) {
    // One random stream per school: a school's people don't depend on how others were drawn.
    const rng = new Random(seed, school.index + 1);
    const people = schoolPeople(rng, county, school, school === planting);
    for (const person of people) {
      files.staff.row(staffRow(person));
      for (const row of appointmentRows(person, schools)) files.appointments.row(row);
      for (const appraisal of appraisalsFor(rng, person, school.baseSlots)) files.appraisals.row(appraisalRow(person, appraisal));
      for (const row of rotationRows(person, schools)) files.rotations.row(row);
      for (const row of exemptionRows(person)) files.exemptions.row(row);
      countHeadcount(person, schools);
    }
    for (const [post, department, approved] of approvedPosts(establishmentRng, school, people)) {
      files.establishments.row(establishmentRow(school, post, department, approved));
    }
    for (const file of Object.values(files)) await file.flush();
  }
  // Schools last: their staffing quota (核定编制) follows the headcount, a few schools over it.
  const schoolFile = open("schools");
  const quotaRng = new Random(seed, -1);
  for (const school of schools) {
    const headcount = school.headcountAtEnd;
    const quota = quotaRng.chance(0.12) ? Math.max(1, headcount - quotaRng.int(1, 4)) : headcount + quotaRng.int(0, 5);
    schoolFile.row(schoolRow(school, quota));
  }
  const all = { schools: schoolFile, ...files };
  for (const file of Object.values(all)) await file.close();
  return { files: Object.entries(all).map(([name, file]) => ({ name, path: file.path, rows: file.rows })) };
}

/**
 * The bureau's 职数核定 for a school: the leader posts it was set up with and a head and a deputy
 * for each office its cadres have worked in, as a bureau approves a school's own structure. One
 * school in ten was approved one deputy fewer than it appointed (超职数配备), so the 干部结构 page
 * has a few schools over, as a real county's audit finds.
 */
function approvedPosts(rng: Random, school: School, people: readonly Person[]): [string, string, number][] {
  const leaders = new Map<string, number>();
  for (const post of leaderPosts(school)) leaders.set(post, (leaders.get(post) ?? 0) + 1);
  const offices = [...new Set(people.flatMap((p) => p.appointments.filter((a) => a.school === school.index && a.department !== "").map((a) => a.department)))].sort();
  const approved: [string, string, number][] = [
    ...[...leaders].map(([post, count]): [string, string, number] => [post, "", count]),
    ...offices.flatMap((office): [string, string, number][] => [["middle_head", office, 1], ["middle_deputy", office, 1]]),
  ];
  if (offices.length > 0 && rng.chance(0.1)) rng.pick(approved.filter(([post]) => post === "middle_deputy"))[2] = 0;
  return approved;
}

function countHeadcount(person: Person, schools: School[]): void {
  const counted = new Set<number>();
  for (const a of person.appointments) {
    if (a.start <= AS_OF && (a.end === null || a.end >= AS_OF) && !counted.has(a.school)) {
      counted.add(a.school);
      schools[a.school]!.headcountAtEnd++;
    }
  }
}
