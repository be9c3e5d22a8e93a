/**
 * Records → CSV cells, in the contract's column order, with the first Chinese alias as header
 * and the first Chinese label of each code, as a real bureau export would have them.
 */
import { fileSpec, vocabularies, type RecordFileName, type VocabularyName } from "../contract.ts";
import type { Cell } from "./csv.ts";
import { iso, type Day } from "./dates.ts";
import type { Appraisal, Person } from "./people.ts";
import type { School } from "./schools.ts";

export const headerOf = (file: RecordFileName): string[] => fileSpec(file).columns.map((column) => column.aliases[0]!);

/** First Chinese label of a canonical code. */
export function label(vocabulary: VocabularyName, code: string): string {
  const labels = (vocabularies[vocabulary] as Record<string, readonly string[]>)[code];
  if (!labels) throw new Error(`sample: no ${vocabulary} code "${code}"`);
  return labels[0]!;
}

const date = (day: Day | null): string => (day === null ? "" : iso(day));
const code = (vocabulary: VocabularyName, value: string | null): string => (value === null ? "" : label(vocabulary, value));

export function schoolRow(school: School, quota: number): Cell[] {
  return [
    school.id, school.name, school.district, label("level", school.level), label("location", school.location), label("tier", school.tier), quota,
    school.remote ? label("boolean", "true") : "", school.phaseInUntil ?? "",
  ];
}

export function staffRow(person: Person): Cell[] {
  const show = person.showGenderAndBirth;
  return [
    person.staffId, person.name, person.idNumber, show ? label("gender", person.gender) : "", show ? iso(person.birth) : "",
    label("education", person.education), label("title", person.title), person.political, iso(person.workStart),
    date(person.teachingStart), person.subject, code("backbone", person.backbone), label("employment", person.employment),
    code("post_category", person.postCategory),
  ];
}

export function appointmentRows(person: Person, schools: readonly School[]): Cell[][] {
  const sorted = [...person.appointments].sort((a, b) => a.start - b.start || a.post.localeCompare(b.post));
  return sorted.map((a) => [
    person.staffId, schools[a.school]!.id, label("post", a.post), a.department, iso(a.start), date(a.end),
    code("method", a.method), a.round, a.termYears, date(a.probationEnd),
  ]);
}

export function appraisalRow(person: Person, a: Appraisal): Cell[] {
  const v = a.votes;
  return [
    person.staffId, a.year, label("grade", a.grade), a.score, a.attitude, a.ability, a.duties, a.results,
    v?.expected, v?.cast, v?.excellent, v?.competent, v?.basic, v?.incompetent, a.appliedMultiplier, a.baseAllowance,
  ];
}

export function rotationRows(person: Person, schools: readonly School[]): Cell[][] {
  return person.rotations.map((r) => [
    person.staffId, schools[r.from]!.id, schools[r.to]!.id, iso(r.start), date(r.end), label("rotation_type", r.type),
    label("boolean", r.relationMoved ? "true" : "false"),
  ]);
}

export function exemptionRows(person: Person): Cell[][] {
  return person.exemptions.map((e) => [person.staffId, label("exemption_reason", e.reason), iso(e.start), iso(e.end)]);
}

export function establishmentRow(school: School, post: string, department: string, approved: number): Cell[] {
  return [school.id, label("post", post), department, approved];
}
