/**
 * A rotation plan a bureau wrote (`cadreboard plan --check PLANFILE`): CSV (UTF-8 with or without
 * BOM, or GB18030 as WPS saves it) or XLSX, Chinese or English headers, read by ingest's own
 * readers and header finder (data-loaders/small-table.ts). Each row becomes a PlanMove or a
 * reject naming the file, spreadsheet row, column and why, in Chinese; no row is dropped unsaid.
 */
import { readSmallTable } from "../../data-loaders/small-table.ts";
import { normaliseHeader } from "../../data-loaders/headers.ts";
import { normaliseCellText } from "../../data-loaders/sql-macros.ts";
import { planFile, planMoveTypes } from "../contract.ts";
import type { PlanContext, PlanMove } from "./context.ts";

export interface PlanFileReject {
  file: string;
  /** As the spreadsheet shows it (the header is row 1 unless titles sit above it). */
  row: number;
  /** The contract's column name (staff_id, to_school_id, type, from_school_id). */
  column: string;
  /** The cell as written. */
  value: string;
  reason: string;
}

export interface PlanFile {
  moves: PlanMove[];
  rejects: PlanFileReject[];
}

export interface PlanFileOptions {
  /** Every staff ID on the staff file (stg_staff): tells "not on the staff at all" from "on the
   * staff but not a tenured teacher or cadre judged for the round". Without it the reason covers both. */
  staffIds?: ReadonlySet<string>;
}

/** The Chinese header a clerk knows the column by (its first alias). */
const label = (name: string): string => planFile.columns.find((column) => column.name === name)?.aliases[0] ?? name;

const typeOf = new Map<string, PlanMove["kind"]>(
  Object.entries(planMoveTypes).flatMap(([kind, labels]) =>
    [kind, ...labels].map((text) => [normaliseHeader(text), kind as PlanMove["kind"]] as const)),
);

/** Reads the plan; a missing required column or an unreadable file throws InputError (from ingest's readers). */
export async function readPlanFile(path: string, context: PlanContext, options: PlanFileOptions = {}): Promise<PlanFile> {
  const { fileName, header, rows } = await readSmallTable(path, planFile);
  const people = new Map(context.people.map((person) => [person.staffId, person]));
  const schools = new Set(context.schools.map((school) => school.schoolId));
  const firstRowOf = new Map<string, number>();
  const moves: PlanMove[] = [];
  const rejects: PlanFileReject[] = [];

  for (const { rowNumber, cells } of rows) {
    const given = (name: string): string => {
      const index = header.mapping.columns.get(name);
      return index === undefined ? "" : (cells[index] ?? "");
    };
    // as ingest reads a cell (cb_norm): full-width letters and digits made plain, trimmed
    const cell = (name: string): string => normaliseCellText(given(name)) ?? "";
    const reject = (column: string, reason: string) => rejects.push({ file: fileName, row: rowNumber, column, value: given(column), reason });
    const staffId = cell("staff_id");
    const toSchoolId = cell("to_school_id");
    const fromGiven = cell("from_school_id");
    const typeGiven = cell("type");

    if (staffId === "") {
      reject("staff_id", `「${label("staff_id")}」为空：请填写要交流的人员工号`);
      continue;
    }
    if (toSchoolId === "") {
      reject("to_school_id", `「${label("to_school_id")}」为空：请填写交流去的学校代码（校内轮岗填本校代码）`);
      continue;
    }
    const person = people.get(staffId);
    if (!person) {
      reject("staff_id", unknownStaff(staffId, options.staffIds));
      continue;
    }
    if (!schools.has(toSchoolId)) {
      reject("to_school_id", `学校代码 ${toSchoolId} 不在学校名单中：请核对代码（与学校表的「学校代码」一致）`);
      continue;
    }
    if (fromGiven !== "" && fromGiven !== person.schoolId) {
      reject("from_school_id", `工号 ${staffId} 现在 ${person.schoolId} 任职，表中原学校填的是 ${fromGiven}：请核对工号或原学校`);
      continue;
    }
    const kind = typeGiven === "" ? (toSchoolId === person.schoolId ? "post_rotation" : "between_schools") : typeOf.get(normaliseHeader(typeGiven));
    if (!kind) {
      const accepted = Object.values(planMoveTypes).flat().join("、");
      reject("type", `「${label("type")}」不认识：${typeGiven}。应为 ${accepted} 之一，或留空（交流学校为本校即校内轮岗）`);
      continue;
    }
    if (kind === "between_schools" && toSchoolId === person.schoolId) {
      reject("to_school_id", `交流形式为校际交流，但交流学校 ${toSchoolId} 就是工号 ${staffId} 现在的学校：请改为其他学校，或把交流形式改为校内轮岗`);
      continue;
    }
    if (kind === "post_rotation" && toSchoolId !== person.schoolId) {
      reject("type", `交流形式为校内轮岗，但交流学校 ${toSchoolId} 不是工号 ${staffId} 现在的学校 ${person.schoolId}：请改为本校代码，或把交流形式改为校际交流`);
      continue;
    }
    const first = firstRowOf.get(staffId);
    if (first !== undefined) {
      reject("staff_id", `工号 ${staffId} 已在第 ${first} 行列入方案，一人只能列入一次：请删除重复的一行`);
      continue;
    }
    firstRowOf.set(staffId, rowNumber);
    moves.push({ staffId, fromSchoolId: person.schoolId, toSchoolId, kind });
  }
  return { moves, rejects };
}

function unknownStaff(staffId: string, staffIds: ReadonlySet<string> | undefined): string {
  if (!staffIds) return `工号 ${staffId} 不在本轮评判的在编教师和干部名单中（不在教职工名册中，或不是在编教师或干部）：请核对工号`;
  if (staffIds.has(staffId)) {
    return `工号 ${staffId} 在教职工名册中，但不是本轮评判的在编教师或干部（如临聘、工勤人员或已不在岗），不能列入交流方案`;
  }
  return `工号 ${staffId} 不在教职工名册中：请核对工号`;
}
