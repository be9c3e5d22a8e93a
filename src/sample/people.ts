/**
 * A synthetic staff member and the records hanging off them. Careers are built as plain objects
 * for one school at a time, then turned into CSV rows and dropped, so memory stays bounded.
 */
import type { vocabularies } from "../contract.ts";
import { ageOn, day, yearOf, type Day } from "./dates.ts";
import type { County } from "./county.ts";
import { chineseName, idNumber15, idNumber18 } from "./identity.ts";
import type { Random } from "./random.ts";
import { retirementDate, trackFor } from "./retirement.ts";
import type { Level, School, Tier } from "./schools.ts";

export type Post = keyof typeof vocabularies.post;
export type Method = keyof typeof vocabularies.method;
export type Grade = keyof typeof vocabularies.grade;
export type Education = keyof typeof vocabularies.education;
export type Title = keyof typeof vocabularies.title;
export type Backbone = keyof typeof vocabularies.backbone;
export type RotationType = keyof typeof vocabularies.rotation_type;
export type ExemptionReason = keyof typeof vocabularies.exemption_reason;
export type PostCategory = keyof typeof vocabularies.post_category;
export type Gender = "M" | "F";
/** The kind of post a person was hired into; cadre posts are laid over teachers later. */
export type BaseKind = "teacher" | "teaching_support" | "administrative" | "service" | "leader";

export interface Appointment {
  school: number;
  post: Post;
  department: string;
  start: Day;
  /** Last day in post; null = still in post on the as-of date. */
  end: Day | null;
  method: Method | null;
  round: number | null;
  termYears: number | null;
  probationEnd: Day | null;
}

export interface Rotation {
  from: number;
  to: number;
  start: Day;
  end: Day | null;
  type: RotationType;
  relationMoved: boolean;
}

export interface Exemption {
  reason: ExemptionReason;
  start: Day;
  end: Day;
}

/** Deliberate appraisal content for one year (planted cases); otherwise drawn at random. */
export interface AppraisalPlan {
  grade?: Grade;
  votes?: "fail_share" | "fail_incompetent" | "boundary_share" | "boundary_incompetent" | "exact_quorum";
  wrongMultiplier?: boolean;
}

export interface Person {
  staffId: string;
  name: string;
  gender: Gender;
  birth: Day;
  idNumber: string;
  /** Write gender and birth date beside the ID number (most exports do; some leave them out). */
  showGenderAndBirth: boolean;
  education: Education;
  title: Title;
  political: string;
  workStart: Day;
  teachingStart: Day | null;
  subject: string;
  backbone: Backbone | null;
  employment: "tenured" | "contract";
  /** 岗位类别 as the export has it; null where the school's export leaves the column empty. */
  postCategory: PostCategory | null;
  kind: BaseKind;
  homeSchool: number;
  /** Statutory retirement (first day of the month); records end the day before. */
  retirement: Day;
  appointments: Appointment[];
  rotations: Rotation[];
  exemptions: Exemption[];
  appraisalPlans: Map<number, AppraisalPlan> | null;
  /** Planted or special people keep their hand-made records: no random overlays or rounds. */
  handMade: boolean;
  /** Last day of a middle-cadre post already given to this person (overlays don't overlap). */
  cadreUntil: Day;
}

const subjectsByLevel: Record<Level, readonly string[]> = {
  primary: ["语文", "语文", "数学", "数学", "英语", "科学", "音乐", "体育", "美术", "道德与法治", "信息技术"],
  junior: ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治", "体育", "音乐", "美术"],
  nine_year: ["语文", "数学", "英语", "物理", "化学", "科学", "历史", "地理", "体育", "音乐", "美术"],
  complete: ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "思想政治", "体育"],
  senior: ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "思想政治", "体育", "信息技术"],
  vocational: ["语文", "数学", "英语", "机电技术", "计算机应用", "会计", "汽车维修", "电子商务", "体育"],
  kindergarten: ["学前教育"],
};

export interface PersonSpec {
  gender: Gender;
  birth: Day;
  kind: BaseKind;
  employment: "tenured" | "contract";
  /** Date the person started work; defaults to 1 September after turning 22–24. */
  workStart?: Day;
  education?: Education;
  backbone?: Backbone | null;
  /** 岗位类别; default: by the kind of post, in the exports of two schools out of three. */
  postCategory?: PostCategory | null;
}

const categoryOfKind: Record<BaseKind, PostCategory> = {
  teacher: "professional", teaching_support: "professional", leader: "management", administrative: "management", service: "worker",
};

/** Builds a person with plausible education, title and background for their age and school. */
export function makePerson(rng: Random, county: County, school: School, spec: PersonSpec): Person {
  const staffId = county.nextStaffId();
  const { gender, birth, kind } = spec;
  const workStart = spec.workStart ?? day(yearOf(birth) + rng.int(21, 24), 9, 1);
  const ageNow = ageOn(birth, day(2026, 9, 1));
  const isTeaching = kind === "teacher" || kind === "leader";
  const education =
    spec.education ??
    (kind === "service"
      ? rng.weighted<Education>([["secondary", 0.6], ["associate", 0.3], ["other", 0.1]])
      : rng.weighted<Education>([
          ["postgraduate", ageNow < 40 ? 0.1 : 0.03],
          ["bachelor", 0.72],
          ["associate", ageNow > 45 ? 0.25 : 0.1],
          ["secondary", ageNow > 50 ? 0.08 : 0.01],
        ]));
  // Not drawn at random, so the random stream (and every other value) stays as it was.
  const postCategory = spec.postCategory !== undefined ? spec.postCategory : school.index % 3 === 2 ? null : categoryOfKind[kind];
  const idForm = rng.weighted([["18", 0.955], ["15", yearOf(birth) < 1985 ? 0.02 : 0], ["none", 0.025]] as const);
  const idNumber = idForm === "18" ? idNumber18(rng, county.issuedIdNumbers, birth, gender) : idForm === "15" ? idNumber15(rng, county.issuedIdNumbers, birth, gender) : "";
  return {
    staffId,
    name: chineseName(rng, gender),
    gender,
    birth,
    idNumber,
    showGenderAndBirth: idNumber === "" || rng.chance(0.93),
    education,
    title: isTeaching ? titleFor(rng, ageNow) : kind === "teaching_support" ? rng.pick<Title>(["second", "first", "unranked"]) : "unranked",
    political: ageNow < 28 && rng.chance(0.4) ? "共青团员" : rng.weighted([["中共党员", kind === "leader" ? 0.9 : 0.33], ["群众", 0.62], ["民盟盟员", 0.03], ["九三学社社员", 0.02]]),
    workStart,
    // Many exports leave 从教时间 empty when it equals 参加工作时间 (the contract default).
    teachingStart: isTeaching && rng.chance(0.35) ? workStart : null,
    subject: isTeaching ? rng.pick(subjectsByLevel[school.level]) : "",
    backbone: spec.backbone !== undefined ? spec.backbone : kind === "teacher" ? backboneFor(rng, ageNow, school.tier) : null,
    employment: spec.employment,
    postCategory,
    kind,
    homeSchool: school.index,
    // 岗位类别 decides a woman's track when given, her (service) post when not, as the models do
    retirement: retirementDate(birth, trackFor(gender, postCategory !== null ? postCategory === "worker" : kind === "service")),
    appointments: [],
    rotations: [],
    exemptions: [],
    appraisalPlans: null,
    handMade: false,
    cadreUntil: -Infinity,
  };
}

function titleFor(rng: Random, age: number): Title {
  if (age < 27) return rng.pick<Title>(["unranked", "second", "second"]);
  if (age < 35) return rng.weighted<Title>([["second", 0.45], ["first", 0.5], ["third", 0.05]]);
  if (age < 45) return rng.weighted<Title>([["first", 0.6], ["senior", 0.35], ["second", 0.05]]);
  return rng.weighted<Title>([["senior", 0.55], ["first", 0.4], ["senior_full", 0.05]]);
}

// Strong schools hold more backbone teachers, which is what makes the reverse-flow rule matter.
const backboneShare: Record<Tier, number> = { strong: 0.24, general: 0.12, weak: 0.07 };

function backboneFor(rng: Random, age: number, tier: Tier): Backbone | null {
  if (age < 27 || !rng.chance(backboneShare[tier])) return null;
  if (age < 35) return rng.weighted<Backbone>([["rising_star", 0.6], ["backbone_teacher", 0.4]]);
  return rng.weighted<Backbone>([
    ["backbone_teacher", 0.58],
    ["discipline_leader", 0.2],
    ["master_teacher", 0.1],
    ["senior_full_teacher", 0.06],
    ["special_grade", 0.06],
  ]);
}

/** True when the person holds an appointment at `school` covering `date`. */
export function isPresent(person: Person, school: number, date: Day): boolean {
  return person.appointments.some((a) => a.school === school && a.start <= date && (a.end === null || a.end >= date));
}

export const openEnd = (end: Day | null): Day => (end === null ? Infinity : end);

export interface Appraisal {
  year: number;
  grade: Grade;
  score: number;
  attitude: number;
  ability: number;
  duties: number;
  results: number;
  votes: { expected: number; cast: number; excellent: number; competent: number; basic: number; incompetent: number } | null;
  appliedMultiplier: number | null;
  baseAllowance: number | null;
}
