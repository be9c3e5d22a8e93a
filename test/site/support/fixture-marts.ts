/**
 * A tiny county as mart tables (the contract's columns), for testing the page data functions
 * without running the models: three schools, a dozen people, two of them with hostile names.
 */
import { openDatabase, type Database } from "../../../src/warehouse/duckdb.ts";

export const hostileNames = ["<script>window.__pwned=1</script>张三", '<img src=x onerror="window.__pwned=2">李四'];

export const fixtureStaff = [
  // staff_id, name, id_number, gender, birth_date, school, post, title, education
  ["T001", hostileNames[0], "110101197001011234", "M", "1970-01-01", "S1", "principal", "senior", "bachelor"],
  ["T002", hostileNames[1], "110101198502022345", "F", "1985-02-02", "S1", "middle_head", "first", "postgraduate"],
  ["T003", "王五", "110101199003033456", "M", "1990-03-03", "S1", "teacher", "second", "bachelor"],
  ["T004", "赵六", "110101196804044567", "F", "1968-04-04", "S1", "teacher", "senior", "associate"],
  ["T005", "钱七", "110101197505055678", "M", "1975-05-05", "S2", "principal", "senior", "bachelor"],
  ["T006", "孙八", "110101198806066789", "F", "1988-06-06", "S2", "middle_deputy", "first", "bachelor"],
  ["T007", "周九", "110101199207077890", "M", "1992-07-07", "S2", "teacher", "second", "bachelor"],
  ["T008", "吴十", "110101196508088901", "F", "1965-08-08", "S2", "teacher", "senior", "bachelor"],
  ["T009", "郑一", "110101198009099012", "M", "1980-09-09", "S3", "vice_principal", "first", "bachelor"],
  ["T010", "冯二", "110101199510100123", "F", "1995-10-10", "S3", "teacher", "unranked", "bachelor"],
  ["T011", "陈三", "110101197211111234", "M", "1972-11-11", "S3", "middle_head", "senior", "bachelor"],
  ["T012", "=HYPERLINK(\"http://x\")", "110101198312122345", "F", "1983-12-12", "S3", "teacher", "first", "bachelor"],
] as const;

const schools = [
  ["S1", "实验小学", "primary", "urban", "strong"],
  ["S2", "城东初中", "junior", "urban", "general"],
  ["S3", "山湾小学", "primary", "rural", "weak"],
] as const;

const ageBand = (age: number) =>
  age <= 24 ? "≤24" : age >= 60 ? "≥60" : `${Math.floor(age / 5) * 5}-${Math.floor(age / 5) * 5 + 4}`;

export async function createFixtureMarts(path = ":memory:", asOf = "2026-09-01"): Promise<Database> {
  const db = await openDatabase(path);
  const run = (sql: string) => db.connection.run(sql);
  const values = (rows: readonly (readonly unknown[])[]) =>
    rows.map((row) => `(${row.map((v) => (v === null ? "null" : typeof v === "number" || typeof v === "boolean" ? String(v) : `'${String(v).replaceAll("'", "''")}'`)).join(", ")})`).join(",\n");
  const ageOf = (birth: string) => Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4)) - (asOf.slice(5) < birth.slice(5) ? 1 : 0);
  const group = (post: string) => (["principal", "vice_principal", "party_secretary"].includes(post) ? "leader" : post.startsWith("middle") ? "middle" : "teacher");

  await run(`create table stg_schools (school_id varchar, school_name varchar, level varchar, location varchar, tier varchar)`);
  await run(`insert into stg_schools values ${values(schools)}`);
  // As the models make it: no names (the site build copies them from the warehouse into staff_names).
  await run(`create table stg_staff (staff_id varchar, id_number varchar, gender varchar, birth_date date, title varchar, education varchar)`);
  await run(`insert into stg_staff values ${values(fixtureStaff.map(([id, , idn, g, b, , , t, e]) => [id, idn, g, b, t, e]))}`);
  await run(`create table staff_names (staff_id varchar, name varchar)`);
  await run(`insert into staff_names values ${values(fixtureStaff.map(([id, name]) => [id, name]))}`);

  const ages = new Map<string, number>();
  for (const s of fixtureStaff) ages.set(`${s[5]}|${group(s[6])}|${s[3]}|${ageBand(ageOf(s[4]))}`, (ages.get(`${s[5]}|${group(s[6])}|${s[3]}|${ageBand(ageOf(s[4]))}`) ?? 0) + 1);
  const ageRows: unknown[][] = [];
  for (const [key, n] of ages) {
    const [school, g, gender, band] = key.split("|");
    ageRows.push([school, g, gender, band, n], ["ALL", g, gender, band, n]);
  }
  await run(`create table age_structure (school_id varchar, post_group varchar, gender varchar, age_band varchar, headcount integer)`);
  await run(`insert into age_structure select school_id, post_group, gender, age_band, sum(headcount) from (values ${values(ageRows)}) v(school_id, post_group, gender, age_band, headcount) group by all`);

  const cadres = fixtureStaff.filter((s) => group(s[6]) !== "teacher");
  await run(`create table cadre_tenure (staff_id varchar, school_id varchar, post varchar, department varchar, age integer, gender varchar, years_in_post double, years_in_school double)`);
  await run(`insert into cadre_tenure values ${values(cadres.map((s, i) => [s[0], s[5], s[6], s[6].startsWith("middle") ? "教导处" : null, ageOf(s[4]), s[3], 2 + i, 5 + i]))}`);

  // staff_structure: everyone in post by school (and ALL) × post group (and all) × title × education
  const structure = new Map<string, number>();
  for (const s of fixtureStaff) {
    for (const school of [s[5], "ALL"]) for (const g of [group(s[6]), "all"]) {
      const key = [school, g, s[7], s[8]].join("|");
      structure.set(key, (structure.get(key) ?? 0) + 1);
    }
  }
  await run(`create table staff_structure (school_id varchar, post_group varchar, title varchar, education varchar, headcount integer)`);
  await run(`insert into staff_structure values ${values([...structure].map(([key, n]) => [...key.split("|"), n]))}`);

  await run(`create table rotation_due (staff_id varchar, school_id varchar, due boolean, exempt boolean, years_in_school double, age integer, rule_id varchar, explanation varchar, barred boolean, failed_appraisal_year integer)`);
  await run(`insert into rotation_due values ${values(fixtureStaff.map((s, i) => [s[0], s[5], i % 3 === 0, i === 4, 9 + (i % 4), ageOf(s[4]), "ROT-T9", `在本校任教 ${9 + (i % 4)} 年，年龄未超过上限，应交流`, i === 6, i === 6 ? 2024 : null]))}`);

  // v2 (rotation side): the rotated-eligible, leader, ROT-BAR and ROT-SERVE columns, and the round's dates
  await run(`create table rotation_compliance (school_id varchar, school_year integer, eligible integer, rotated integer, ratio double, target double, met boolean, backbone_rotated integer, rotated_in integer, rotated_out integer, is_complete boolean,
    rotated_eligible integer, target_exception varchar, phase_in_until integer, received_barred integer, left_early integer, backbone_share double, backbone_target double, backbone_met boolean,
    eligible_leaders integer, rotated_leaders integer, leader_target double, leader_met boolean, leader_rule_id varchar, round_opens_on date, round_ends_on date, eligibility_records_date date, eligibility_date date)`);
  const compliance: unknown[][] = [];
  for (const year of [2023, 2024, 2025]) {
    const complete = true;
    const round = [`${year}-07-01`, `${year + 1}-06-30`, `${year}-06-30`, `${year}-08-31`];
    compliance.push(
      ["S1", year, 40, 8, 0.2, 0.15, true, 2, 6, 8, complete, 7, null, null, 0, 0, 0.25, 0.2, true, 1, 1, 0.15, true, "ROT-LEAD15", ...round],
      ["S2", year, 30, 2, 2 / 30, 0.15, false, 0, 3, 2, complete, 2, null, null, 1, 0, 0, 0.2, false, 1, 0, 0.15, false, "ROT-LEAD15", ...round],
      ["S3", year, 0, 0, null, 0.1, null, 0, 1, 0, complete, 0, "remote", null, 0, 1, null, 0.2, null, 0, 0, 0.15, null, "ROT-LEAD15", ...round],
      ["ALL", year, 70, 10, 10 / 70, 0.15, false, 2, 10, 10, complete, 9, null, null, 1, 1, 0.2, 0.2, true, 2, 1, 0.15, true, "ROT-LEAD15", ...round],
    );
  }
  await run(`insert into rotation_compliance values ${values(compliance)}`);
  await run(`create table rotation_tiers (tier varchar, tier_zh varchar, schools integer, all_schools integer, share double, max_share double, within boolean)`);
  await run(`insert into rotation_tiers values ('strong', '优质', 1, 3, ${1 / 3}, 0.3, false), ('general', '一般', 1, 3, ${1 / 3}, null, null), ('weak', '薄弱', 1, 3, ${1 / 3}, 0.3, false)`);
  await run(`create table rotation_left_early (staff_id varchar, school_id varchar, school_year integer, start_date date, left_on date, explanation varchar)`);
  await run(`insert into rotation_left_early values ('T010', 'S3', 2025, '2024-09-01', '2025-08-31', '2024-09-01支教到本校，2025-08-31离开，服务1.0年，未满支教或到农村学校交流应服务的2年（应至2026-08-31，ROT-SERVE）')`);
  await run(`create table reverse_flow (school_year integer, backbone_strong_to_other integer, backbone_other_to_strong integer, ok boolean)`);
  await run(`insert into reverse_flow values (2023, 6, 1, true), (2024, 2, 3, false), (2025, 7, 2, true)`);

  await run(`create table performance_pay (staff_id varchar, school_id varchar, year integer, post varchar, grade varchar, policy_multiplier double, applied_multiplier double, mismatch boolean, allowance double)`);
  const pay: unknown[][] = [];
  for (const year of [2023, 2024, 2025]) for (const [i, s] of cadres.entries()) pay.push([s[0], s[5], year, s[6], i % 2 ? "excellent" : "competent", 1.2, i === 1 ? 1.4 : 1.2, i === 1, 600 * 1.2]);
  await run(`insert into performance_pay values ${values(pay)}`);

  await run(`create table pending_exits (staff_id varchar, school_id varchar, post varchar, exit_type varchar, due_date date, rule_id varchar, explanation varchar,
    overdue boolean, protected boolean, protected_until date, notify_by date, direct_hire_from date)`);
  await run(`insert into pending_exits values
    ('T004', 'S1', 'teacher', 'retirement', '2026-10-01', 'EXIT-RETIRE', '法定退休年龄 58 岁 1 个月', false, false, null, null, '2021-10-01'),
    ('T008', 'S2', 'teacher', 'retirement', '2026-06-01', 'EXIT-RETIRE', '已过法定退休日期', true, false, null, null, '2021-06-01'),
    ('T011', 'S3', 'middle_head', 'cadre_age', '2027-11-01', 'EXIT-MC-AGE', '中层干部男满 55 周岁', false, false, null, null, null),
    ('T002', 'S1', 'middle_head', 'term_end', '2027-08-31', 'EXIT-TERM', '聘期三年届满', false, false, null, '2027-08-01', null)`);
  // the cadre, exit and pay pages' own marts (issue 10): empty where the fixture has no such case
  await run(`create table cadre_team as select coalesce(school_id, 'ALL') as school_id, coalesce(post_group, 'all') as post_group,
      count(*)::integer as cadres, count(*) filter (where age <= 40)::integer as young_cadres, 40 as young_cadre_max_age,
      round(avg(age), 1) as mean_age, round(avg(years_in_post), 1) as mean_years_in_post, round(avg(years_in_school), 1) as mean_years_in_school
    from (select *, case when post like 'middle%' then 'middle' else 'leader' end as post_group from cadre_tenure)
    group by grouping sets ((school_id, post_group), (school_id), (post_group), ())`);
  await run(`create table reserve_cadres (staff_id varchar, school_id varchar, post varchar, post_group varchar, candidate_for varchar, gender varchar,
    age integer, years_in_school double, experience_years double, rule_id varchar, explanation varchar)`);
  await run(`create table care_workload (staff_id varchar, school_id varchar, post varchar, post_group varchar, gender varchar, age integer,
    care_age integer, eligible_from date, rule_id varchar, explanation varchar)`);
  await run(`create table awaiting_post (staff_id varchar, school_id varchar, awaiting_since date, years_awaiting double, stage varchar,
    reduced_from date, salary_stops_on date, rule_id varchar, explanation varchar)`);
  await run(`create table direct_hire_eligible (staff_id varchar, school_id varchar, post varchar, post_group varchar, retirement_date date,
    direct_hire_from date, rule_id varchar, explanation varchar)`);
  await run(`create table appraisal_score_checks (staff_id varchar, school_id varchar, year integer, "column" varchar, "value" double,
    maximum double, problem varchar, rule_id varchar, explanation varchar)`);

  await run(`create table reform_summary (round integer, school_id varchar, staff_in_round integer, not_participating integer, competed integer, competitive_hired integer, first_round_not_hired integer, second_round_hired integer, direct_hired integer, care_direct_hired integer, awaiting_post_end integer)`);
  await run(`insert into reform_summary values (2024, 'S1', 40, 1, 35, 30, 5, 3, 4, 1, 2), (2024, 'S2', 30, 0, 28, 26, 2, 1, 2, 0, 1), (2024, 'ALL', 70, 1, 63, 56, 7, 4, 6, 1, 3)`);
  await run(`create table appointment_checks (staff_id varchar, school_id varchar, post varchar, start_date date, rule_id varchar, passed boolean, explanation varchar)`);

  await run(`create table rejects ("file" varchar, row_number integer, "column" varchar, value varchar, reason varchar)`);
  await run(`insert into rejects values ('staff.csv', 14, 'id_number', '110101199901011111', '身份证号校验位不符：110101199901011111'), ('appointments.csv', 7, 'staff_id', 'T999', '工号 T999 在教职工中不存在')`);
  await run(`create table load_files ("file" varchar, source_path varchar, format varchar, encoding varchar, header_row integer, rows_read bigint, rows_loaded bigint, rows_rejected bigint)`);
  await run(`insert into load_files values ('staff.csv', 'staff.csv', 'csv', 'utf-8', 1, 13, 12, 1), ('appointments.csv', 'appointments.csv', 'csv', 'gb18030', 1, 20, 19, 1)`);
  await run(`create table load_info (loaded_at timestamp, data_dir varchar, cadreboard_version varchar, input_fingerprint varchar)`);
  await run(`insert into load_info values ('2026-09-02 00:30:00', '/data', '0.1.0', '${"ab12".repeat(16)}')`);
  await run(`create table stg_exemptions (staff_id varchar, reason varchar, start_date date, end_date date)`);
  await run(`insert into stg_exemptions values ('T005', 'nursing', '2025-10-01', '2026-12-31'), ('T007', 'illness', '2026-01-01', '2026-10-15')`);
  await run(`create table rotation_exemptions (staff_id varchar, school_id varchar, reason varchar, start_date date, end_date date, valid_until date, capped boolean, explanation varchar)`);
  await run(`insert into rotation_exemptions values ('T005', 'S2', 'nursing', '2025-10-01', '2026-12-31', '2026-12-31', false, '哺乳期暂缓交流'),
    ('T007', 'S2', 'illness', '2026-01-01', '2026-10-15', '2026-10-15', false, '重病暂缓交流'),
    ('T003', 'S1', 'signature_course', '2024-09-01', '2027-09-01', '2027-08-31', true, '特色课程领衔暂缓交流2024-09-01至2027-09-01，超过最长3年，按2027-08-31截止（ROT-EXEMPT）')`);
  return db;
}
