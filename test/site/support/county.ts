/**
 * A tiny county as raw records (test/models/given.ts), for the page-data tests: the real models
 * compute every mart from it, so the pages are tested on what the models make of these people.
 * Three schools and 21 staff; each person is here for a case the tests count, said beside them.
 * Dates are read as of 2026-09-01 under the default policy; the last round that has ended is
 * school year 2025's (judged on the records of 2025-06-30, years and ages counted to 2025-08-31).
 */
import { ID_CHECK_CHARACTERS, ID_WEIGHTS } from "../../../data-loaders/sql-macros.ts";
import { ingested, person, post, type Given, type Row } from "../../models/given.ts";
import { hostileNames } from "./hostile.ts";

export const asOf = "2026-09-01";

const schools: Row[] = [
  { school_id: "S1", name: "实验小学", level: "primary", location: "urban", tier: "strong" },
  { school_id: "S2", name: "城东初中", level: "junior", location: "urban", tier: "general" },
  { school_id: "S3", name: "山湾小学", level: "primary", location: "rural", tier: "weak" },
];

/** An 18-digit ID number that ingest would accept: birth date, a sequence whose last digit is odd for men, the check character. */
function idNumber(birthDate: string, gender: string, sequence: number): string {
  const body = `110101${birthDate.replaceAll("-", "")}${String(sequence * 2 + (gender === "M" ? 1 : 0)).padStart(3, "0")}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i]!, 0);
  return body + ID_CHECK_CHARACTERS[sum % 11]!;
}

/** A named person with an ID number (the privacy tests look for both). */
const named = (staff_id: string, name: string, gender: string, birth_date: string, extra: Row = {}): Row =>
  person(staff_id, { name, gender, birth_date, id_number: idNumber(birth_date, gender, Number(staff_id.slice(1))), ...extra });

const transfer = (staff_id: string, from_school_id: string, to_school_id: string, start_date: string): Row =>
  ({ staff_id, from_school_id, to_school_id, start_date, type: "transfer", relation_moved: true });

const staff: Row[] = [
  // S1's principal since 2020 (6 years as leader: not due, ROT-P3 asks 9); appraised 优秀 in 2025, paid as the policy says
  named("T001", hostileNames[0]!, "M", "1975-03-15", { title: "senior" }),
  // S1's 教导处 head since 2024-09-01: her term ends 2027-08-31 (EXIT-TERM), within 12 months; payroll used 1.2 for 称职 (policy 1.1)
  named("T002", hostileNames[1]!, "F", "1985-02-02", { title: "first", education: "postgraduate" }),
  // an S1 teacher since 2018: 支教 at S3 for round 2023 (the county's first rotation); a signature-course exemption capped at 3 years
  named("T003", "王五", "M", "1995-03-03", { title: "second" }),
  // an S1 teacher, woman on the 55 track born 1971-06: 5 months' delay, retires 2026-11-01; 54 in 2025, over ROT-T9's 50
  named("T004", "赵六", "F", "1971-06-04", { title: "senior", education: "associate" }),
  // S2's principal since 2016-09-01: 10 years as leader, due by ROT-P3 but nursing until 2026-12-31 (exempt)
  named("T005", "钱七", "F", "1980-05-05", { title: "senior" }),
  // an S2 teacher since 2010, eligible in 2025; ill from 2026-01-01 to 2026-10-15 (exempt now)
  named("T007", "周九", "M", "1980-07-07", { title: "second" }),
  // an S2 teacher born 1965-05: 2 months' delay, retirement was due 2025-07-01 and he is still in post (overdue)
  named("T008", "吴十", "M", "1965-05-08", { title: "senior" }),
  // S3's 教导处 head since 2025-09-01, at S3 since 2018 (8 years: not due); turns 55 in 2027-11 (EXIT-MC-AGE, beyond 12 months)
  named("T011", "陈三", "M", "1972-11-11", { title: "senior" }),
  // an S3 teacher since 2016-09-01: 9.0 years by 2025-08-31, eligible; a name that is a spreadsheet formula
  named("T012", '=HYPERLINK("http://x")', "F", "1983-12-12", { title: "first" }),
];
const appointments: Row[] = [
  post("T001", "S1", "2005-09-01", { end_date: "2020-08-31" }), post("T001", "S1", "2020-09-01", { post: "principal" }),
  post("T002", "S1", "2019-09-01"), post("T002", "S1", "2024-09-01", { post: "middle_head", department: "教导处" }),
  post("T003", "S1", "2018-09-01", { end_date: "2025-08-31" }),
  post("T004", "S1", "2012-09-01", { end_date: "2025-08-31" }),
  post("T005", "S2", "2008-09-01", { end_date: "2016-08-31" }), post("T005", "S2", "2016-09-01", { post: "principal" }),
  post("T007", "S2", "2010-09-01", { end_date: "2025-08-31" }),
  post("T008", "S2", "1990-09-01"),
  post("T011", "S3", "2018-09-01"), post("T011", "S3", "2025-09-01", { post: "middle_head", department: "教导处" }),
  post("T012", "S3", "2016-09-01"),
];
const rotations: Row[] = [
  { staff_id: "T003", from_school_id: "S1", to_school_id: "S3", start_date: "2023-09-01", end_date: "2025-08-31", type: "support_teaching", relation_moved: false },
];

// S1 sends all six of its eligible teachers in round 2025 (at S1 since 2010, 45 years old): five
// to S3, and T106, appraised 不称职 in 2024, to S2, which may not receive him (ROT-BAR)
for (let i = 101; i <= 106; i++) {
  const id = `T${i}`;
  const to = i === 106 ? "S2" : "S3";
  staff.push(person(id));
  appointments.push(post(id, "S1", "2010-09-01", { end_date: "2025-08-31" }), post(id, to, "2025-09-01", { method: "rotation" }));
  rotations.push(transfer(id, "S1", to, "2025-09-01"));
}
// S2's teachers since 2010, eligible in 2025 with T007: it sends two to S3; three stay and are due now
for (let i = 201; i <= 205; i++) {
  const id = `T${i}`;
  staff.push(person(id));
  if (i <= 202) {
    appointments.push(post(id, "S2", "2010-09-01", { end_date: "2025-08-31" }), post(id, "S3", "2025-09-01", { method: "rotation" }));
    rotations.push(transfer(id, "S2", "S3", "2025-09-01"));
  } else appointments.push(post(id, "S2", "2010-09-01", { end_date: "2025-08-31" }));
}
// S3's other eligible teacher: S3 sends no one in 2025, below its 10 % target
staff.push(person("T301"));
appointments.push(post("T301", "S3", "2008-09-01"));

// The 2025 hiring round (县管校聘): S2's four staying teachers and S1's T003 compete and are hired;
// T004, within 5 years of retirement, is hired directly (EXIT-RETIRE)
for (const id of ["T203", "T204", "T205", "T007"]) appointments.push(post(id, "S2", "2025-09-01", { method: "competitive", round: 2025 }));
appointments.push(
  post("T003", "S1", "2025-09-01", { method: "competitive", round: 2025 }),
  post("T004", "S1", "2025-09-01", { method: "direct", round: 2025 }),
);

const appraisals: Row[] = [
  { staff_id: "T001", year: 2025, grade: "excellent", applied_multiplier: 1.5, base_allowance: 600 },
  { staff_id: "T002", year: 2025, grade: "competent", applied_multiplier: 1.2, base_allowance: 600 },
  { staff_id: "T106", year: 2024, grade: "incompetent" },
];
const exemptions: Row[] = [
  { staff_id: "T005", reason: "nursing", start_date: "2025-10-01", end_date: "2026-12-31" },
  { staff_id: "T007", reason: "illness", start_date: "2026-01-01", end_date: "2026-10-15" },
  // longer than ROT-EXEMPT's 3 years: capped at 2027-08-31
  { staff_id: "T003", reason: "signature_course", start_date: "2024-09-01", end_date: "2027-09-01" },
];
const rejects: Row[] = [
  { file: "staff.csv", row_number: 14, column: "id_number", value: "110101199901011111", reason: "身份证号校验位不符：110101199901011111" },
  { file: "appointments.csv", row_number: 7, column: "staff_id", value: "T999", reason: "工号 T999 在教职工中不存在" },
  // v2: an optional cell emptied, its row (T002's 2025 appraisal) loaded
  { file: "appraisals.csv", row_number: 3, column: "score", value: "八百八", reason: "「考核总分」应为数字：八百八，已置空", action: "cell" },
];

export const county: Given = ingested(
  { schools, staff, appointments, appraisals, rotations, exemptions, rejects },
  { loadedAt: "2026-09-02 00:30:00", fingerprint: "ab12".repeat(16) },
);
