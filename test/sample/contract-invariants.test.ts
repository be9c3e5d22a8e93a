/**
 * Reads the default sample back and checks every row against the contract, as ingest will:
 * unique keys, references, codes, dates, ID numbers, votes and scores.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fileSpec, vocabularies, type RecordFileName } from "../../src/contract.ts";
import { idCheckCharacter } from "../../src/sample/identity.ts";
import { generateSample } from "./generate.ts";
import { readSample, type Row, type Sample } from "./read-sample.ts";

const END = "2026-09-01";
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
let sample: Sample;

beforeAll(async () => {
  sample = readSample(await generateSample());
});

/** Rows that break a condition, shown in the failure message (empty when all is well). */
const offenders = (rows: Row[], broken: (row: Row) => boolean) => rows.filter(broken).slice(0, 5);

describe("sample county against the data contract", () => {
  it("has unique school and staff ids", () => {
    expect(new Set(sample.schools.map((r) => r.school_id)).size).toBe(sample.schools.length);
    expect(new Set(sample.staff.map((r) => r.staff_id)).size).toBe(sample.staff.length);
  });

  it("gives no two people the same ID number", () => {
    const idNumbers = sample.staff.map((r) => r.id_number).filter((id) => id);
    expect(idNumbers.length).toBeGreaterThan(sample.staff.length * 0.9);
    expect(new Set(idNumbers).size).toBe(idNumbers.length);
  });

  it("references only existing staff and schools", () => {
    const staff = new Set(sample.staff.map((r) => r.staff_id));
    const schools = new Set(sample.schools.map((r) => r.school_id));
    for (const file of ["appointments", "appraisals", "rotations", "exemptions"] as const) {
      expect(offenders(sample[file], (r) => !staff.has(r.staff_id!)), file).toEqual([]);
    }
    expect(offenders(sample.appointments, (r) => !schools.has(r.school_id!))).toEqual([]);
    expect(offenders(sample.rotations, (r) => !schools.has(r.from_school_id!) || !schools.has(r.to_school_id!))).toEqual([]);
  });

  it.each(["schools", "staff", "appointments", "appraisals", "rotations", "exemptions"] as const)(
    "%s: codes are first Chinese labels, required cells filled, dates ISO",
    (file: RecordFileName) => {
      for (const column of fileSpec(file).columns) {
        const values = sample[file].map((r) => r[column.name]!);
        if (!column.nullable) expect(offenders(sample[file], (r) => r[column.name] === ""), column.name).toEqual([]);
        const filled = values.filter((v) => v !== "");
        if (column.type === "code") {
          const firsts = new Set(Object.values(vocabularies[column.vocabulary!] as Record<string, readonly string[]>).map((l) => l[0]));
          expect(filled.filter((v) => !firsts.has(v)).slice(0, 5), column.name).toEqual([]);
        }
        if (column.type === "boolean") expect(filled.filter((v) => v !== "是" && v !== "否"), column.name).toEqual([]);
        if (column.type === "date") expect(filled.filter((v) => !isoDate.test(v)).slice(0, 5), column.name).toEqual([]);
        if (column.type === "integer") expect(filled.filter((v) => !/^\d+$/.test(v)).slice(0, 5), column.name).toEqual([]);
        if (column.type === "number") expect(filled.filter((v) => !Number.isFinite(Number(v))).slice(0, 5), column.name).toEqual([]);
      }
    },
  );

  it("has end ≥ start everywhere and no event after 2026-09-01", () => {
    for (const file of ["appointments", "rotations", "exemptions"] as const) {
      expect(offenders(sample[file], (r) => r.end_date !== "" && r.end_date! < r.start_date!), file).toEqual([]);
      expect(offenders(sample[file], (r) => r.start_date! > END), file).toEqual([]);
    }
    // End dates of appointments and rotations are facts; only exemptions and probation run ahead.
    expect(offenders(sample.appointments, (r) => r.end_date! > END)).toEqual([]);
    expect(offenders(sample.rotations, (r) => r.end_date! > END)).toEqual([]);
    expect(offenders(sample.staff, (r) => r.work_start! > END || r.teaching_start! > END)).toEqual([]);
    expect(offenders(sample.appraisals, (r) => Number(r.year) > 2025 || Number(r.year) < 2010)).toEqual([]);
  });

  it("has ID numbers with valid check characters, consistent with gender and birth date", () => {
    const bad = sample.staff.filter((r) => {
      const id = r.id_number!;
      if (id === "") return r.gender === "" || r.birth_date === "";
      if (id.length === 18) {
        const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
        const gender = Number(id[16]) % 2 === 1 ? "男" : "女";
        return idCheckCharacter(id.slice(0, 17)) !== id[17] || (r.birth_date !== "" && r.birth_date !== birth) || (r.gender !== "" && r.gender !== gender);
      }
      if (id.length === 15) {
        const birth = `19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`;
        const gender = Number(id[14]) % 2 === 1 ? "男" : "女";
        return !/^\d{15}$/.test(id) || (r.birth_date !== "" && r.birth_date !== birth) || (r.gender !== "" && r.gender !== gender);
      }
      return true;
    });
    expect(bad.slice(0, 5)).toEqual([]);
    const forms = (length: number) => sample.staff.filter((r) => r.id_number!.length === length).length;
    expect(forms(0)).toBeGreaterThan(10); // a few without ID number
    expect(forms(15)).toBeGreaterThan(3); // a handful of legacy numbers
    expect(forms(18)).toBeGreaterThan(sample.staff.length * 0.9);
  });

  it("has votes with counts ≤ cast ≤ expected, and scores that add up within their maxima", () => {
    const n = (r: Row, c: string) => Number(r[c]);
    const voted = sample.appraisals.filter((r) => r.votes_cast !== "");
    expect(voted.length).toBeGreaterThan(1000);
    expect(offenders(voted, (r) => n(r, "votes_excellent") + n(r, "votes_competent") + n(r, "votes_basic") + n(r, "votes_incompetent") > n(r, "votes_cast") || n(r, "votes_cast") > n(r, "votes_expected"))).toEqual([]);
    expect(offenders(sample.appraisals, (r) =>
      n(r, "attitude") > 50 || n(r, "ability") > 50 || n(r, "duties") > 600 || n(r, "results") > 300 || n(r, "score") > 1000 ||
      n(r, "attitude") + n(r, "ability") + n(r, "duties") + n(r, "results") !== n(r, "score"))).toEqual([]);
  });

  it("has one appraisal per person and year", () => {
    const keys = sample.appraisals.map((r) => `${r.staff_id}/${r.year}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("rotates to the same school only for 校内轮岗, and links 落聘/未参聘 with 待岗", () => {
    expect(offenders(sample.rotations, (r) => (r.from_school_id === r.to_school_id) !== (r.type === "校内轮岗"))).toEqual([]);
    expect(offenders(sample.appointments, (r) => (r.method === "落聘" || r.method === "未参聘") && r.post !== "待岗")).toEqual([]);
  });

  it("keeps each person in at most one base post at a time", () => {
    const base = new Set(["专任教师", "教辅", "行政", "工勤", "待岗"]);
    const byPerson = new Map<string, Row[]>();
    for (const r of sample.appointments) if (base.has(r.post!)) byPerson.set(r.staff_id!, [...(byPerson.get(r.staff_id!) ?? []), r]);
    const overlapping = [...byPerson].filter(([, rows]) => {
      const sorted = rows.sort((a, b) => a.start_date!.localeCompare(b.start_date!));
      return sorted.some((r, i) => i > 0 && (sorted[i - 1]!.end_date === "" || sorted[i - 1]!.end_date! >= r.start_date!));
    });
    expect(overlapping.slice(0, 3)).toEqual([]);
  });
});
