/**
 * The sample county looks like a county and exercises every rule: age structure, tiers, the
 * experimental school's published 2019 round, and the planted cases (checked in the CSV files).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { generateSample } from "./generate.ts";
import { ageOn, median, readSample, type Row, type Sample } from "./read-sample.ts";

const END = "2026-09-01";
let sample: Sample;
let staffById: Map<string, Row>;
let current: Row[];

beforeAll(async () => {
  sample = readSample(await generateSample());
  staffById = new Map(sample.staff.map((r) => [r.staff_id!, r]));
  current = sample.appointments.filter((a) => a.start_date! <= END && (a.end_date === "" || a.end_date! >= END));
});

/** Birth date and gender of a staff row, from the ID number when the columns are left empty. */
function identity(row: Row): { birth: string; gender: string } {
  const id = row.id_number!;
  if (row.birth_date && row.gender) return { birth: row.birth_date, gender: row.gender };
  const long = id.length === 18;
  const ymd = long ? id.slice(6, 14) : `19${id.slice(6, 12)}`;
  return { birth: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`, gender: Number(id[long ? 16 : 14]) % 2 ? "男" : "女" };
}

const personWith = (gender: string, birth: string) =>
  sample.staff.filter((r) => identity(r).gender === gender && identity(r).birth === birth).map((r) => r.staff_id!);
const recordsOf = (ids: string[]) => sample.appointments.filter((a) => ids.includes(a.staff_id!));

describe("sample county realism", () => {
  it("has every level, urban/town/rural, and strong and weak tiers each ≤ 30 % of schools", () => {
    expect(new Set(sample.schools.map((s) => s.level)).size).toBe(7);
    expect(new Set(sample.schools.map((s) => s.location)).size).toBe(3);
    const share = (tier: string) => sample.schools.filter((s) => s.tier === tier).length / sample.schools.length;
    expect(share("优质")).toBeGreaterThan(0.1);
    expect(share("优质")).toBeLessThanOrEqual(0.3);
    expect(share("薄弱")).toBeGreaterThan(0.1);
    expect(share("薄弱")).toBeLessThanOrEqual(0.3);
    expect(sample.schools.length).toBe(40);
  });

  it("has median ages 35–39 in primary and 40–44 in junior schools, women the majority in primary and kindergarten", () => {
    const levelOf = new Map(sample.schools.map((s) => [s.school_id!, s.level!]));
    const byLevel = new Map<string, Map<string, Row>>();
    for (const a of current) {
      const level = levelOf.get(a.school_id!)!;
      if (!byLevel.has(level)) byLevel.set(level, new Map());
      byLevel.get(level)!.set(a.staff_id!, staffById.get(a.staff_id!)!);
    }
    const ages = (level: string) => [...byLevel.get(level)!.values()].map((r) => ageOn(identity(r).birth, END));
    const womenShare = (level: string) => [...byLevel.get(level)!.values()].filter((r) => identity(r).gender === "女").length / byLevel.get(level)!.size;
    expect(median(ages("小学"))).toBeGreaterThanOrEqual(35);
    expect(median(ages("小学"))).toBeLessThan(40);
    expect(median(ages("初中"))).toBeGreaterThanOrEqual(40);
    expect(median(ages("初中"))).toBeLessThan(45);
    expect(womenShare("小学")).toBeGreaterThan(0.5);
    expect(womenShare("幼儿园")).toBeGreaterThan(0.5);
  });

  it("has contract staff a minority, backbone teachers about 10–15 % of teachers", () => {
    const contract = sample.staff.filter((r) => r.employment === "临聘").length / sample.staff.length;
    expect(contract).toBeGreaterThan(0.02);
    expect(contract).toBeLessThan(0.2);
    const teachers = new Set(current.filter((a) => a.post === "专任教师").map((a) => a.staff_id!));
    const backbone = [...teachers].filter((id) => staffById.get(id)!.backbone !== "").length / teachers.size;
    expect(backbone).toBeGreaterThan(0.08);
    expect(backbone).toBeLessThan(0.18);
  });

  it("reproduces 001 第5篇 in the experimental school's 2019 round: 75 / 1 / 74 / 66 / 8, then 7 service + 1 care", () => {
    const school = sample.schools[0]!;
    expect(school.name).toBe("云溪县实验小学");
    const round = sample.appointments.filter((a) => a.school_id === school.school_id && a.round === "2019");
    const people = (method: string) => new Set(round.filter((a) => a.method === method).map((a) => a.staff_id!));
    const inRound = new Set(round.map((a) => a.staff_id!));
    const notHired = people("落聘");
    expect(inRound.size).toBe(75);
    expect(people("未参聘").size).toBe(1);
    expect(inRound.size - people("未参聘").size).toBe(74);
    expect(people("竞聘").size).toBe(66);
    expect(notHired.size).toBe(8);
    const second = round.filter((a) => a.method === "二次聘任");
    expect(new Set(second.map((a) => a.staff_id)).size).toBe(7);
    expect(second.every((a) => a.post === "工勤" && notHired.has(a.staff_id!))).toBe(true);
    const direct = round.filter((a) => a.method === "直聘");
    expect(direct.length).toBe(1);
    expect(notHired.has(direct[0]!.staff_id!)).toBe(true);
    expect(sample.exemptions.some((e) => e.staff_id === direct[0]!.staff_id && e.reason === "重病")).toBe(true);
    // Nobody in the round was hired competitively and also not hired.
    expect([...people("竞聘")].some((id) => notHired.has(id))).toBe(false);
  });

  it("holds all-staff rounds in 2019, 2022 and 2025 with every outcome", () => {
    for (const year of ["2019", "2022", "2025"]) {
      const methods = new Set(sample.appointments.filter((a) => a.round === year).map((a) => a.method));
      expect([...methods].sort(), year).toEqual(expect.arrayContaining(["竞聘", "直聘", "落聘", "二次聘任"]));
    }
    expect(sample.appointments.some((a) => a.method === "未参聘" && a.round === "2025")).toBe(sample.appointments.some((a) => a.method === "未参聘" && a.round === "2025"));
    expect(sample.appointments.filter((a) => a.method === "未参聘").length).toBeGreaterThan(1);
  });

  it("has every rotation type, with 校际交流 moving the relation and returning 支教 ending", () => {
    const types = new Set(sample.rotations.map((r) => r.type));
    expect([...types].sort()).toEqual(["挂职锻炼", "支教", "校内轮岗", "校际交流", "片区交流", "集团内交流"].sort());
    expect(sample.rotations.filter((r) => r.type === "校际交流").every((r) => r.relation_moved === "是")).toBe(true);
    expect(sample.rotations.some((r) => r.type === "支教" && r.relation_moved === "否" && r.end_date !== "")).toBe(true);
    // A transfer ends the person's appointments at the old school the day before and starts new ones.
    for (const r of sample.rotations.filter((x) => x.type === "校际交流").slice(0, 50)) {
      const mine = sample.appointments.filter((a) => a.staff_id === r.staff_id);
      expect(mine.some((a) => a.school_id === r.to_school_id && a.start_date === r.start_date), r.staff_id).toBe(true);
      expect(mine.filter((a) => a.school_id === r.from_school_id).every((a) => a.end_date !== "" && a.end_date! < r.start_date!), r.staff_id).toBe(true);
    }
  });

  it("fails the reverse-flow check in school year 2021 and passes it in most other years", () => {
    const tier = new Map(sample.schools.map((s) => [s.school_id!, s.tier!]));
    const flows = (year: number) => {
      const inYear = sample.rotations.filter((r) => r.from_school_id !== r.to_school_id && r.start_date! >= `${year}-09-01` && r.start_date! <= `${year + 1}-08-31` && staffById.get(r.staff_id!)!.backbone !== "");
      const down = inYear.filter((r) => tier.get(r.from_school_id!) === "优质" && tier.get(r.to_school_id!) !== "优质").length;
      const up = inYear.filter((r) => tier.get(r.from_school_id!) !== "优质" && tier.get(r.to_school_id!) === "优质").length;
      return { down, up };
    };
    const failing = flows(2021);
    expect(failing.down).toBeLessThanOrEqual(failing.up);
    expect(failing.up).toBeGreaterThan(0);
    const passingYears = [2015, 2016, 2017, 2018, 2019, 2020, 2022, 2023, 2024, 2025].filter((y) => flows(y).down > flows(y).up);
    expect(passingYears.length).toBeGreaterThanOrEqual(6);
  });

  it("has exemptions of every reason: current, expired and about to expire on 2026-09-01", () => {
    // all eight reasons of contract v2 (产期 and 工伤 are planted EXIT-PROTECT cases)
    expect(new Set(sample.exemptions.map((e) => e.reason)).size).toBe(8);
    expect(sample.exemptions.some((e) => e.start_date! <= END && e.end_date! >= END)).toBe(true);
    expect(sample.exemptions.some((e) => e.end_date! < END)).toBe(true);
    expect(sample.exemptions.some((e) => e.end_date! >= END && e.end_date! <= "2026-10-31")).toBe(true);
  });

  it("has failing and boundary democratic votes, wrong multipliers and a few poor grades", () => {
    const voted = sample.appraisals.filter((a) => a.votes_cast !== "");
    const n = (r: Row, c: string) => Number(r[c]);
    const positive = (r: Row) => (n(r, "votes_excellent") + n(r, "votes_competent")) / n(r, "votes_cast");
    const against = (r: Row) => n(r, "votes_incompetent") / n(r, "votes_cast");
    expect(voted.some((r) => positive(r) < 0.6)).toBe(true);
    expect(voted.some((r) => against(r) > 0.3)).toBe(true);
    expect(voted.some((r) => (n(r, "votes_excellent") + n(r, "votes_competent")) * 10 === 6 * n(r, "votes_cast"))).toBe(true);
    expect(voted.some((r) => n(r, "votes_incompetent") * 10 === 3 * n(r, "votes_cast"))).toBe(true);
    expect(voted.every((r) => n(r, "base_allowance") >= 600 && n(r, "base_allowance") <= 1000)).toBe(true);
    const grades = new Map<string, number>();
    for (const a of sample.appraisals) grades.set(a.grade!, (grades.get(a.grade!) ?? 0) + 1);
    expect(grades.get("合格")! + grades.get("优秀")!).toBeGreaterThan(sample.appraisals.length * 0.9);
    expect(grades.get("不合格")).toBeGreaterThan(0);
    expect(grades.get("基本合格")).toBeGreaterThan(0);
  });

  it("plants the ROT-T9 boundary people: men 55/56 and women 50/51 with 12 years, tenure 9.0 and 8.9 years", () => {
    for (const [gender, birth] of [["男", "1971-03-10"], ["男", "1970-03-10"], ["女", "1976-03-10"], ["女", "1975-03-10"]] as const) {
      const records = recordsOf(personWith(gender, birth));
      expect(records.some((a) => a.post === "专任教师" && a.start_date === "2014-09-01"), `${gender} ${birth}`).toBe(true);
    }
    expect(sample.appointments.some((a) => a.start_date === "2017-09-01" && a.post === "专任教师" && a.method === "")).toBe(true);
    const nearlyNine = sample.appointments.filter((a) => a.post === "专任教师" && a.method === "" && a.start_date! > "2017-10-01" && a.start_date! < "2017-10-31");
    expect(nearlyNine.length).toBeGreaterThan(0);
  });

  it("plants leaders with 3+ consecutive terms, one within 3 years of retirement", () => {
    const principal = sample.appointments.filter((a) => a.post === "校长" && a.staff_id === personWith("男", "1976-05-12")[0]);
    expect(principal.map((a) => a.start_date)).toEqual(["2015-09-01", "2018-09-01", "2021-09-01", "2024-09-01"]);
    const secretary = recordsOf(personWith("男", "1967-03-03")).filter((a) => a.post === "书记");
    expect(secretary[0]!.start_date).toBe("2016-09-01");
    expect(secretary.at(-1)!.end_date).toBe("");
  });

  it("plants middle cadres: long in post, reaching 55/52, and new ones failing appointment conditions", () => {
    const head = recordsOf(personWith("男", "1980-04-01"));
    expect(head.some((a) => a.post === "中层副职" && a.department === "教导处" && a.start_date === "2014-09-01")).toBe(true);
    expect(head.some((a) => a.post === "中层正职" && a.department === "教导处" && a.end_date === "")).toBe(true);
    const overdueAge = recordsOf(personWith("女", "1974-03-05"));
    expect(overdueAge.some((a) => a.post === "中层副职" && a.end_date === "")).toBe(true);
    const newCadres = sample.appointments.filter((a) => a.post === "中层副职" && a.start_date === "2026-03-01");
    const educations = newCadres.map((a) => staffById.get(a.staff_id!)!.education);
    expect(educations).toContain("专科");
    expect(newCadres.some((a) => a.probation_end === "2027-02-28")).toBe(true);
    expect(newCadres.some((a) => staffById.get(a.staff_id!)!.teaching_start === "2022-09-01")).toBe(true);
    expect(sample.appointments.some((a) => a.post === "中层副职" && a.start_date === "2025-11-01" && a.probation_end === "")).toBe(true);
  });

  it("plants people past retirement still in post and people retiring within 36 months", () => {
    const stillIn = (ids: string[]) => current.some((a) => ids.includes(a.staff_id!));
    expect(stillIn(personWith("男", "1964-02-10"))).toBe(true);
    expect(stillIn(personWith("女", "1975-03-08"))).toBe(true);
    expect(recordsOf(personWith("女", "1975-03-08")).some((a) => a.post === "工勤")).toBe(true);
    expect(stillIn(personWith("男", "1966-06-01"))).toBe(true);
  });

  it("plants 支教 that returned and a transfer that ended the old attachment", () => {
    const support = personWith("女", "1987-09-09");
    expect(sample.rotations.some((r) => support.includes(r.staff_id!) && r.type === "支教" && r.end_date === "2021-08-31" && r.relation_moved === "否")).toBe(true);
    const moved = personWith("男", "1983-02-02");
    expect(sample.rotations.some((r) => moved.includes(r.staff_id!) && r.type === "校际交流" && r.start_date === "2020-09-01")).toBe(true);
    expect(recordsOf(moved).some((a) => a.end_date === "2020-08-31")).toBe(true);
  });

  // ─── cadre, exit and pay cases (src/sample/planted.ts, the block after the rotation cases)
  it("plants protected dismissals: 孕期 then 产期 with a 不合格 appraisal, 工伤 with failing votes", () => {
    const pregnant = personWith("女", "1992-02-02");
    expect(sample.appraisals.some((a) => pregnant.includes(a.staff_id!) && a.year === "2025" && a.grade === "不合格")).toBe(true);
    expect(sample.exemptions.filter((e) => pregnant.includes(e.staff_id!)).map((e) => e.reason).sort()).toEqual(["产期", "孕期"].sort());
    const injured = personWith("男", "1979-08-08");
    expect(sample.exemptions.some((e) => injured.includes(e.staff_id!) && e.reason === "工伤" && e.end_date === "2026-12-31")).toBe(true);
  });

  it("plants exactly 2/3 turnout, three term records in one post and a 2012 open spell", () => {
    expect(sample.appraisals.some((a) => a.votes_expected === "30" && a.votes_cast === "20" && a.year === "2025")).toBe(true);
    const third = recordsOf(personWith("男", "1981-01-21")).filter((a) => a.post === "中层正职" && a.department === "安全办");
    expect(third.map((a) => a.start_date)).toEqual(["2019-09-01", "2022-09-01", "2025-09-01"]);
    const open = recordsOf(personWith("男", "1972-07-07")).filter((a) => a.post === "副书记");
    expect(open).toEqual([expect.objectContaining({ start_date: "2012-09-01", end_date: "" })]);
  });

  it("plants a person awaiting a post in each stage, and 工勤 by 岗位类别 in a 教辅 post", () => {
    const since = (gender: string, birth: string) => recordsOf(personWith(gender, birth)).filter((a) => a.post === "待岗").map((a) => a.start_date);
    expect(since("男", "1983-03-03")).toEqual(["2026-03-01"]);
    expect(since("女", "1979-05-05")).toEqual(["2025-09-01"]);
    expect(since("男", "1977-11-11")).toEqual(["2022-09-01", "2025-09-01"]);
    const worker = personWith("女", "1976-05-05");
    expect(staffById.get(worker[0]!)!.post_category).toBe("工勤");
    expect(recordsOf(worker).every((a) => a.post === "教辅")).toBe(true);
    // two schools out of three write 岗位类别; 工勤 posts carry 工勤
    const categories = new Set(sample.staff.map((r) => r.post_category));
    expect([...categories].sort()).toEqual(["", "专业技术", "工勤", "管理"].sort());
  });
});

describe("sample county cadres and rotation records", () => {
  it("most middle heads in post came through a deputy post: a year or more as a deputy before (APT-DEPUTY-FIRST)", () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const heads = current.filter((a) => a.post === "中层正职");
    const withDeputyYear = heads.filter((head) => {
      const headSince = Math.min(...sample.appointments.filter((a) => a.staff_id === head.staff_id && a.post === "中层正职").map((a) => day(a.start_date!)));
      const deputyDays = sample.appointments
        .filter((a) => a.staff_id === head.staff_id && a.post === "中层副职" && day(a.start_date!) < headSince)
        .reduce((sum, a) => sum + Math.min(day(a.end_date || END), headSince - 1) - day(a.start_date!) + 1, 0);
      return deputyDays >= 365;
    });
    expect(heads.length).toBeGreaterThan(60);
    expect(withDeputyYear.length / heads.length).toBeGreaterThan(0.8);
  });

  it("has a remote school (rural) and a phase-in school", () => {
    const remote = sample.schools.filter((s) => s.remote === "是");
    expect(remote.length).toBeGreaterThanOrEqual(1);
    expect(remote.every((s) => s.location === "农村")).toBe(true);
    expect(sample.schools.filter((s) => /^\d{4}$/.test(s.phase_in_until!)).length).toBeGreaterThanOrEqual(1);
  });

  it("plants the v2 rotation cases: a summer transfer, a service period left early, a barred teacher received, an exemption a day too long", () => {
    expect(sample.rotations.some((r) => r.start_date === "2025-08-20" && r.type === "校际交流")).toBe(true);
    const early = personWith("女", "1986-06-06");
    expect(sample.rotations.filter((r) => early.includes(r.staff_id!)).map((r) => r.start_date)).toEqual(["2022-09-01", "2024-09-01"]);
    const barred = personWith("男", "1985-05-05");
    expect(sample.appraisals.some((a) => barred.includes(a.staff_id!) && a.year === "2024" && a.grade === "不合格")).toBe(true);
    expect(sample.rotations.some((r) => barred.includes(r.staff_id!) && r.start_date === "2025-09-01")).toBe(true);
    expect(sample.exemptions.some((e) => e.reason === "特色课程领衔" && e.start_date === "2024-09-01" && e.end_date === "2027-09-01")).toBe(true);
  });
});
