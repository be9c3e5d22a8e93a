/**
 * Names and resident ID numbers (居民身份证号码) for synthetic staff. Names come from a surname
 * list weighted by its share of the population and common given-name characters; ID numbers
 * follow GB 11643: 18 digits with an ISO 7064 MOD 11-2 check character, or the 15-digit legacy
 * form. Everything here is invented: no real person's data.
 */
import { civil, type Day } from "./dates.ts";
import type { Random } from "./random.ts";

// Approximate share of the population per surname (per mille), most common first.
const surnameWeights: readonly (readonly [string, number])[] = (
  "王71 李70 张64 刘54 陈45 杨31 黄22 赵21 吴20 周19 徐15 孙15 马13 朱13 胡12 郭11 何11 林10 高10 罗9 " +
  "郑9 梁8 谢8 宋7 唐7 许7 韩6 冯6 邓6 曹6 彭5 曾5 肖5 田5 董5 袁4 潘4 于4 蒋4 蔡4 余4 杜4 叶4 程4 " +
  "苏3 魏3 吕3 丁3 任3 沈3 姚3 卢3 姜3 崔3 钟3 谭3 陆2 汪2 范2 金2 石2 廖2 贾2 夏2 韦2 付2 方2 白2 " +
  "邹2 孟2 熊2 秦2 邱2 江2 尹2 薛2 闫2 段2 雷2 侯2 龙2 史2 陶1 黎1 贺1 顾1 毛1 郝1 龚1 邵1 万1 钱1 " +
  "严1 覃1 武1 戴1 莫1 孔1 欧阳0.5 上官0.1"
)
  .split(" ")
  .map((entry) => {
    const match = /^(\D+)([\d.]+)$/.exec(entry)!;
    return [match[1]!, Number(match[2])] as const;
  });

const maleChars = [..."伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国文志新海峰亮东春晓永成锋立振宏庆"];
const femaleChars = [..."芳娜敏静丽艳娟霞燕玲婷雪慧莹红梅琳颖倩洁萍丹佳晶妍悦蕾琴云英秀兰凤桂欣怡雯璐蓉薇月春晓玉华文"];

export function chineseName(rng: Random, gender: "M" | "F"): string {
  const chars = gender === "M" ? maleChars : femaleChars;
  const given = rng.chance(0.3) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
  return rng.weighted(surnameWeights) + given;
}

const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = "10X98765432";

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * checkWeights[i]!;
  return checkChars[sum % 11]!;
}

// Administrative division codes: most staff were born in the home county, some nearby.
const areaCodes: readonly (readonly [string, number])[] = [
  ["361128", 70],
  ["361121", 8],
  ["361123", 6],
  ["361124", 5],
  ["361102", 6],
  ["360102", 3],
  ["430621", 2],
];

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/**
 * ID numbers issued so far, by their 17-digit body (a 15-digit number counts as its 18-digit
 * form), so no two people share one: the sequence digits move on to the next free value of the
 * same parity, as a registry office would issue them.
 */
export type IssuedIdNumbers = Set<string>;

/** The next free sequence of the same parity for an area and birth date, or null when all 500 are taken. */
function freeSequence(issued: IssuedIdNumbers, area: string, birthDigits: string, first: number): string | null {
  for (let step = 0; step < 500; step++) {
    const sequence = pad((first + step * 2) % 1000, 3);
    const body = `${area}${birthDigits}${sequence}`;
    if (!issued.has(body)) {
      issued.add(body);
      return sequence;
    }
  }
  return null;
}

/**
 * Area and sequence for a new number. At a province's size one area runs out of the 500
 * sequences a sex has for a birth date; the number then comes from the next area code, as people
 * born the same day in a neighbouring county would have.
 */
function issue(issued: IssuedIdNumbers, drawnArea: string, birthDigits: string, first: number): [string, string] {
  for (const area of [drawnArea, ...areaCodes.map(([code]) => code).filter((code) => code !== drawnArea)]) {
    const sequence = freeSequence(issued, area, birthDigits, first);
    if (sequence !== null) return [area, sequence];
  }
  throw new Error(`no free ID sequence left in any area for birth date ${birthDigits}`);
}

const firstSequence = (rng: Random, gender: "M" | "F"): number =>
  rng.int(0, 49) * 10 + rng.int(0, 4) * 2 + (gender === "M" ? 1 : 0);

/** 18 digits: area (6), birth date (8), sequence (3, last odd = male), check character. */
export function idNumber18(rng: Random, issued: IssuedIdNumbers, birth: Day, gender: "M" | "F"): string {
  const [y, m, d] = civil(birth);
  const first = firstSequence(rng, gender);
  const birthDigits = `${y}${pad(m, 2)}${pad(d, 2)}`;
  const [area, sequence] = issue(issued, rng.weighted(areaCodes), birthDigits, first);
  const first17 = `${area}${birthDigits}${sequence}`;
  return first17 + idCheckCharacter(first17);
}

/** Legacy 15 digits: area (6), yymmdd (6), sequence (3, last digit odd = male). */
export function idNumber15(rng: Random, issued: IssuedIdNumbers, birth: Day, gender: "M" | "F"): string {
  const [y, m, d] = civil(birth);
  const first = firstSequence(rng, gender);
  const [area, sequence] = issue(issued, rng.weighted(areaCodes), `${y}${pad(m, 2)}${pad(d, 2)}`, first);
  return `${area}${pad(y % 100, 2)}${pad(m, 2)}${pad(d, 2)}${sequence}`;
}
