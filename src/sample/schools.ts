/**
 * The schools of the synthetic county: about one per 75 staff, every level, urban/town/rural,
 * and strong/general/weak tiers with strong and weak each at most 30 % of schools (ROT-TIERS).
 * School 0 is the county's experimental primary school, which reproduces the published figures
 * of seed 001 第5篇 in its first hiring round (see special-school.ts).
 */
import type { Random } from "./random.ts";

export type Level = "primary" | "junior" | "nine_year" | "complete" | "senior" | "vocational" | "kindergarten";
export type Location = "urban" | "town" | "rural";
export type Tier = "strong" | "general" | "weak";

export interface School {
  index: number;
  id: string;
  name: string;
  district: string;
  level: Level;
  location: Location;
  tier: Tier;
  /** Posts below the leadership (teachers, support, service): each is a chain of occupants. */
  baseSlots: number;
  /** Headcount on the as-of date, counted while careers are generated; quota is set from it. */
  headcountAtEnd: number;
  /** 偏远学校 / 海岛学校: no conditions for rotation, excepted from the targets (ROT-REMOTE). */
  remote: boolean;
  /** 分批完成年度: a school with many teachers due spreads them until this school year (ROT-REMOTE). */
  phaseInUntil: number | null;
  /** How keenly the school sends its eligible teachers: 1 is the county's target, some do more, some less. */
  rotationHabit: number;
}

export const COUNTY = "云溪县";
export const STAFF_PER_SCHOOL = 75;
/** Base posts per school so that, with turnover since 2010, a school has ~75 staff records. */
const BASE_SLOTS_PER_SCHOOL = 31;

// Share of schools per level, as in a typical county (many primaries, a few high schools).
const levelShares: readonly (readonly [Level, number])[] = [
  ["primary", 0.42],
  ["junior", 0.17],
  ["nine_year", 0.1],
  ["kindergarten", 0.13],
  ["complete", 0.05],
  ["senior", 0.08],
  ["vocational", 0.05],
];

// Relative size of a school's staff by level.
const levelSize: Record<Level, number> = {
  primary: 0.85,
  junior: 1.25,
  nine_year: 1.15,
  kindergarten: 0.45,
  complete: 1.6,
  senior: 1.7,
  vocational: 1.2,
};

const townStems = [..."青石白沙龙潭桃源石门黄土马鞍高桥新塘长岭河口柏林双溪金竹太平大坪花桥东山西岭三江枫林荷塘凤凰梅岭"]
  .reduce<string[]>((stems, char, i, chars) => (i % 2 === 0 ? [...stems, char + chars[i + 1]] : stems), []);
const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const districts = ["东片", "西片", "南片", "北片"];

function levelName(level: Level, location: Location, town: string, ordinal: number): string {
  const n = numerals[(ordinal - 1) % 10]!;
  if (location === "urban") {
    switch (level) {
      case "primary": return `${COUNTY}第${n}小学`;
      case "junior": return `${COUNTY}第${n}中学`;
      case "nine_year": return `${COUNTY}城南实验学校`;
      case "complete": return `${COUNTY}实验中学`;
      case "senior": return `${COUNTY}第${n}高级中学`;
      case "vocational": return `${COUNTY}职业中等专业学校`;
      case "kindergarten": return `${COUNTY}第${n}幼儿园`;
    }
  }
  const place = location === "town" ? `${town}镇` : `${town}乡`;
  switch (level) {
    case "primary": return location === "town" ? `${place}中心小学` : `${place}${town}村小学`;
    case "junior": return `${place}中学`;
    case "nine_year": return `${place}九年一贯制学校`;
    case "complete": return `${place}完全中学`;
    case "senior": return `${place}高级中学`;
    case "vocational": return `${place}职业学校`;
    case "kindergarten": return `${place}中心幼儿园`;
  }
}

/** Tiers in fixed proportions (20 % strong, 20 % weak), shuffled: never more than 30 % each. */
function tierPlan(count: number, rng: Random): Tier[] {
  const strong = Math.floor(count * 0.2);
  const weak = Math.floor(count * 0.2);
  const tiers: Tier[] = [];
  for (let i = 0; i < count; i++) tiers.push(i < strong ? "strong" : i < strong + weak ? "weak" : "general");
  return rng.shuffle(tiers);
}

function levelPlan(count: number, rng: Random): Level[] {
  const levels: Level[] = [];
  // Every level appears once before proportions apply, so even a small county has all of them.
  for (const [level] of levelShares) if (levels.length < count) levels.push(level);
  while (levels.length < count) levels.push(rng.weighted(levelShares));
  return rng.shuffle(levels);
}

export function planSchools(staff: number, rng: Random): School[] {
  const count = Math.max(8, Math.round(staff / STAFF_PER_SCHOOL));
  const levels = levelPlan(count - 1, rng);
  const tiers = tierPlan(count - 1, rng);
  const usedNames = new Map<string, number>();
  const ordinals = new Map<string, number>();
  const scale = (staff / count / STAFF_PER_SCHOOL) * BASE_SLOTS_PER_SCHOOL;
  const schools: School[] = [
    // The experimental primary school of 001 第5篇: 75 staff take part in its 2019 round.
    {
      index: 0, id: schoolId(0), name: `${COUNTY}实验小学`, district: "城区片", level: "primary",
      location: "urban", tier: "strong", baseSlots: 75, headcountAtEnd: 0, remote: false, phaseInUntil: null, rotationHabit: 1,
    },
  ];
  for (let i = 1; i < count; i++) {
    const level = levels[i - 1]!;
    const location: Location = rng.weighted(
      level === "senior" || level === "vocational" || level === "complete"
        ? [["urban", 0.6], ["town", 0.4]]
        : level === "primary" || level === "kindergarten"
          ? [["urban", 0.2], ["town", 0.35], ["rural", 0.45]]
          : [["urban", 0.25], ["town", 0.5], ["rural", 0.25]],
    );
    const town = townStems[i % townStems.length]!;
    const key = `${level}/${location === "urban" ? "" : town}`;
    const ordinal = (ordinals.get(key) ?? 0) + 1;
    ordinals.set(key, ordinal);
    let name = levelName(level, location, town, ordinal);
    const seen = usedNames.get(name) ?? 0;
    usedNames.set(name, seen + 1);
    if (seen > 0) name = `${name}（${seen + 1}校区）`;
    schools.push({
      index: i,
      id: schoolId(i),
      name,
      district: location === "urban" ? "城区片" : districts[i % districts.length]!,
      level,
      location,
      tier: tiers[i - 1]!,
      baseSlots: Math.max(12, Math.round(scale * levelSize[level] * rng.normal(1, 0.15))),
      headcountAtEnd: 0,
      remote: false,
      phaseInUntil: null,
      rotationHabit: 1,
    });
  }
  return schools;
}

export const schoolId = (index: number): string => String(3136000001 + index);

/**
 * Each school's rotation habits, from a random stream of their own (so no other draw changes):
 * most schools send about their target share of eligible teachers, some more, some fewer; about
 * one rural school in ten is remote (偏远、海岛, excepted from the targets) and a few schools with
 * many teachers due spread them over a phase-in until a coming school year (ROT-REMOTE).
 */
export function assignRotationHabits(schools: School[], rng: Random, keep: ReadonlySet<number>): void {
  for (const school of schools) {
    school.rotationHabit = Math.min(1.9, Math.max(0.35, rng.normal(1.05, 0.4)));
    if (keep.has(school.index)) continue;
    if (school.location === "rural" && rng.chance(0.1)) school.remote = true;
    else if (rng.chance(0.05)) school.phaseInUntil = 2025 + rng.int(0, 3);
  }
  // every county shows each case at least once: the largest ordinary school phases in until 2026
  const open = schools.filter((school) => !keep.has(school.index) && !school.remote);
  if (!schools.some((school) => school.phaseInUntil !== null) && open.length > 0) {
    open.reduce((a, b) => (b.baseSlots > a.baseSlots ? b : a)).phaseInUntil = 2026;
  }
  const rural = open.filter((school) => school.location === "rural" && school.phaseInUntil === null);
  if (!schools.some((school) => school.remote) && rural.length > 0) rural[0]!.remote = true;
  // a remote school has no conditions for rotation: it seldom sends anyone
  for (const school of schools) if (school.remote) school.rotationHabit = 0.15;
}
