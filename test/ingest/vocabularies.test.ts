/**
 * Coded values, booleans and numbers, through the SQL macros the load runs: Chinese labels and
 * English codes, any case and width, map to the canonical code; anything else is null (reject).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vocabularies, type VocabularyName } from "../../src/contract.ts";
import { vocabularyKeys, vocabularyMacroName } from "../../data-loaders/sql-macros.ts";
import { macroDatabase } from "./fixtures.ts";

let db: Awaited<ReturnType<typeof macroDatabase>>;
beforeAll(async () => {
  db = await macroDatabase();
});
afterAll(() => db.close());

const code = async (vocabulary: VocabularyName, text: string) =>
  (await db.one(`select ${vocabularyMacroName(vocabulary)}(cb_norm(cast($text as varchar))) as code`, { text })).code;

describe("vocabularies: labels and codes", () => {
  it.each<[VocabularyName, string, string, string]>([
    ["level", "小学", "primary", "Chinese label"],
    ["level", "九年一贯制学校", "nine_year", "second Chinese label"],
    ["level", "nine_year", "nine_year", "English code"],
    ["level", "PRIMARY", "primary", "English code, any case"],
    ["level", " 初中 ", "junior", "spaces trimmed"],
    ["location", "乡村", "rural", "alternative label"],
    ["gender", "男", "M", "Chinese"],
    ["gender", "f", "F", "code, lower case"],
    ["gender", "Female", "F", "English word"],
    ["education", "中专/高中", "secondary", "label with a slash"],
    ["education", "中专／高中", "secondary", "full-width slash"],
    ["title", "正高级教师", "senior_full", "same label as a backbone level, other vocabulary"],
    ["backbone", "正高级教师", "senior_full_teacher", "same label, backbone vocabulary"],
    ["post", "党支部书记", "party_secretary", "long form"],
    ["grade", "称职", "competent", "civil-service wording"],
    ["grade", "基本称职", "basic", "not confused with 称职"],
    ["rotation_type", "校内轮岗", "internal", "internal rotation"],
    ["exemption_reason", "特色课程领衔", "signature_course", "ROT-EXEMPT reason"],
    ["employment", "编外", "contract", "alternative label"],
  ])("%s: %s → %s (%s)", async (vocabulary, text, expected) => {
    expect(await code(vocabulary, text)).toBe(expected);
  });

  it.each<[VocabularyName, string, string]>([
    ["level", "大学", "not a school level we know"],
    ["gender", "未知", "unknown gender"],
    ["grade", "良好", "a grade outside the scheme"],
    ["post", "校 长", "a space inside a label is not ignored"],
    ["employment", "tenure", "near miss of a code"],
  ])("%s: %s → null (%s)", async (vocabulary, text) => {
    expect(await code(vocabulary, text)).toBeNull();
  });

  it("every label of every vocabulary maps to its code (no label shadowed by another)", async () => {
    for (const [name, codes] of Object.entries(vocabularies) as [VocabularyName, Record<string, readonly string[]>][]) {
      for (const [canonical, labels] of Object.entries(codes)) {
        for (const label of labels) expect(await code(name, label), `${name}: ${label}`).toBe(canonical);
      }
      expect(vocabularyKeys(name).size).toBeGreaterThanOrEqual(Object.keys(codes).length);
    }
  });
});

describe("booleans", () => {
  it.each([
    ["是", "true"], ["否", "false"], ["Y", "true"], ["n", "false"], ["true", "true"], ["FALSE", "false"],
    ["1", "true"], ["0", "false"], ["１", "true"], ["yes", "true"],
  ])("%s → %s", async (text, expected) => {
    expect(await code("boolean", text)).toBe(expected);
  });

  it.each(["2", "对", "-1", "是的"])("%s → null", async (text) => {
    expect(await code("boolean", text)).toBeNull();
  });
});

describe("integers and numbers", () => {
  const read = async (text: string) =>
    db.one("select cb_integer(cb_norm(cast($text as varchar))) as int, cb_number(cb_norm(cast($text as varchar))) as num", { text });
  it.each([
    ["12", 12, 12],
    ["12.0", 12, 12],
    ["+7", 7, 7],
    ["-3", -3, -3],
    ["１２", 12, 12],
    ["12.5", null, 12.5],
    [".5", null, 0.5],
    ["1e3", null, 1000],
    ["0x1F", null, null],
    ["1_000", null, null],
    ["inf", null, null],
    ["1e400", null, null], // no finite value
    ["-1e400", null, null],
    ["1e308", null, 1e308],
    ["12,5", null, null],
    ["十二", null, null],
    ["99999999999", null, 99999999999],
    // v2: as Excel and WPS display numbers
    ["1,000", 1000, 1000],
    ["1,000.00", 1000, 1000],
    ["1,234,567.5", null, 1234567.5],
    ["１０００", 1000, 1000],
    ["１，０００", 1000, 1000],
    ["¥800", 800, 800],
    ["￥800", 800, 800],
    ["¥ 1,000.50", null, 1000.5],
    ["800元", 800, 800],
    ["800 元", 800, 800],
    ["¥800元", 800, 800],
    ["-¥800", -800, -800], // read, so the reason can say 不能为负数
    ["¥-800", -800, -800],
    // not display forms: a comma that does not group thousands, a currency sign alone, other units
    ["1,00", null, null],
    ["1,0000", null, null],
    [",100", null, null],
    ["¥", null, null],
    ["元", null, null],
    ["800块", null, null],
    ["$800", null, null],
    ["800元整", null, null],
  ])("%s → integer %s, number %s", async (text, int, num) => {
    expect(await read(text)).toEqual({ int, num });
  });
});
