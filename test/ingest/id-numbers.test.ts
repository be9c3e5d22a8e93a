/**
 * ID numbers (GB 11643, ISO 7064 MOD 11-2), through the SQL macros the load runs. The row rule
 * "a given gender or birth date contradicting the number" is in bad-rows.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idNumber, macroDatabase } from "./fixtures.ts";

let db: Awaited<ReturnType<typeof macroDatabase>>;
beforeAll(async () => {
  db = await macroDatabase();
});
afterAll(() => db.close());

const check = async (text: string) =>
  db.one(
    `with id as (select cb_id_clean(cb_norm(cast($text as varchar))) as s)
     select s as cleaned, cb_id_problem(s) as problem, cast(cb_id_birth(s) as varchar) as birth, cb_id_gender(s) as gender from id`,
    { text },
  );

describe("valid ID numbers: birth date and gender come from the number", () => {
  it.each([
    ["11010519491231002X", "11010519491231002X", "1949-12-31", "F", "the standard's example"],
    ["11010519491231002x", "11010519491231002X", "1949-12-31", "F", "lower-case x is upper-cased"],
    [" 11010519491231002X ", "11010519491231002X", "1949-12-31", "F", "spaces trimmed"],
    ["１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "1949-12-31", "F", "full-width digits"],
    [idNumber("11010519491231001"), idNumber("11010519491231001"), "1949-12-31", "M", "odd order digit is male"],
    ["110105491231002", "110105491231002", "1949-12-31", "F", "15-digit legacy number: 19yy, even last digit"],
    ["110105491231001", "110105491231001", "1949-12-31", "M", "15-digit legacy number: odd last digit is male"],
  ])("%s is valid (%s)", async (text, cleaned, birth, gender) => {
    expect(await check(text)).toEqual({ cleaned, problem: null, birth, gender });
  });
});

describe("invalid ID numbers: the reason a clerk reads", () => {
  it.each([
    ["110105194912310023", "身份证号校验位错误：应为X，实为3", "wrong check character"],
    ["110105194912310021", "身份证号校验位错误：应为X，实为1", "another wrong check character"],
    ["11010519491231002", "身份证号应为18位（最后一位可为X）或15位数字", "17 digits"],
    ["1101051949123100211", "身份证号应为18位（最后一位可为X）或15位数字", "19 digits"],
    ["11010519491231002Y", "身份证号应为18位（最后一位可为X）或15位数字", "a letter other than X"],
    ["1.10105E+17", "身份证号被存成了数字（科学计数法），后几位已丢失：请把该列设为文本格式后重新导出", "saved as a number by Excel"],
    [idNumber("11010519490230002"), "身份证号中的出生日期不存在：19490230", "30 February, correct check character"],
    ["110105490230002", "身份证号中的出生日期不存在：19490230", "15-digit with 30 February"],
  ])("%s → %s (%s)", async (text, problem) => {
    expect((await check(text)).problem).toBe(problem);
  });

  it("a number whose embedded date is not real yields no birth date or gender to load", async () => {
    expect(await check(idNumber("11010519490230002"))).toMatchObject({ birth: null });
  });
});
