/**
 * The value rules of the data contract as DuckDB macros: normalising a cell, reading dates,
 * numbers, ID numbers and coded values. Ingest runs them set-based over whole files, and the unit
 * tests call the same macros through an in-memory DuckDB, so each rule has one implementation.
 * Every macro takes text already passed through cb_norm (null = empty cell) and returns null when
 * the text cannot be read, so "given but null after typing" means "reject" (the row, or in an
 * optional column the cell: cell-checks.ts).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { vocabularies, type VocabularyName } from "../src/contract.ts";
import { sqlString } from "./sql-text.ts";

/** Full-width ASCII (U+FF01–FF5E), the ideographic space and no-break space → plain ASCII: what
 * NFKC does to the characters a Chinese keyboard or WPS puts into numbers, codes and dates. */
const fullWidth = Array.from({ length: 0x5e }, (_, i) => String.fromCodePoint(0xff01 + i)).join("") + "\u3000\u00a0";
const halfWidth = Array.from({ length: 0x5e }, (_, i) => String.fromCodePoint(0x21 + i)).join("") + "  ";
/** Invisible characters that are deleted: a byte-order mark inside a file (two exports pasted
 * together) or a zero-width space copied from a web page. They sit after the pairs above, with
 * no counterpart, so translate() drops them. */
const invisible = "\uFEFF\u200B";

const widthPairs = new Map([...fullWidth].map((char, i) => [char, halfWidth[i]!]));

/** cb_norm in JS, for the small tables read outside DuckDB (a bureau's plan): the same characters
 * translated and deleted, then trimmed; null for a cell that normalises to nothing. */
export function normaliseCellText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const translated = [...text].map((char) => (invisible.includes(char) ? "" : widthPairs.get(char) ?? char)).join("");
  const trimmed = translated.replace(/^\s+|\s+$/g, "");
  return trimmed === "" ? null : trimmed;
}

/** Separated date forms: 2019-09-01, 2019/9/1, 2019.09, 2019年9月, 2019年9月1日, optional time. */
const separatedDate =
  "^(\\d{4})\\s*(?:[-/.]|年)\\s*(\\d{1,2})\\s*(?:(?:[-/.]|月)\\s*(\\d{1,2})\\s*日?|月)?(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?$";

/** Display forms of a number: an optional sign and yuan sign (either order), digits grouped by
 * thousands or not, decimals, an optional 元. At least one of ¥/￥, 元 or a group separator,
 * else it is a plain number and cb_numeral leaves it alone. A comma that does not group
 * thousands (12,5) is not a number: it may be a decimal comma, or two values in one cell. */
const displayNumber =
  "(?:[+-]?[¥￥]|[¥￥][+-])\\s*(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s*元)?" +
  "|[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?\\s*元" +
  "|[+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?";

/** GB 11643 / ISO 7064 MOD 11-2: weights of the first 17 digits, and the check character by sum % 11. */
export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
export const ID_CHECK_CHARACTERS = "10X98765432";

// ascii() - 48 rather than a cast: DuckDB may evaluate both sides of a guard, and a cast of a
// short or malformed number would then throw instead of yielding an unused value.
const idWeightedSum = ID_WEIGHTS.map((weight, i) => `(ascii(substr(s, ${i + 1}, 1)) - 48) * ${weight}`).join(" + ");

/** Canonical code → lower-cased, width-normalised label keys, both the Chinese labels and the code itself. */
export function vocabularyKeys(name: VocabularyName): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [code, labels] of Object.entries(vocabularies[name])) {
    for (const label of [code, ...labels]) {
      const key = label.normalize("NFKC").trim().toLowerCase();
      const existing = keys.get(key);
      if (existing !== undefined && existing !== code) {
        throw new Error(`vocabulary ${name}: label "${label}" names both ${existing} and ${code}`);
      }
      keys.set(key, code);
    }
  }
  return keys;
}

export const vocabularyMacroName = (name: VocabularyName): string => `cb_vocab_${name}`;

function vocabularyMacro(name: VocabularyName): string {
  const branches = [...vocabularyKeys(name)].map(([key, code]) => `when ${sqlString(key)} then ${sqlString(code)}`);
  return `create or replace temp macro ${vocabularyMacroName(name)}(s) as case lower(s) ${branches.join(" ")} end`;
}

export const macroDdl = (): string[] => [
  // Cell text → trimmed, full-width-normalised text; empty → null. translate() and a
  // regex trim are slow over millions of cells, so only cells that need them take that path.
  // Even the regex test dominated the profile of a large load, and most cells are codes, numbers
  // and dates in plain ASCII: a cell whose byte length is its character length is ASCII, so it
  // holds none of the characters to translate, and if it neither starts nor ends with \s (tab,
  // newline, form feed, carriage return, space) there is nothing to trim. Anything else, including
  // a control character at the start, still takes the exact test below. ends_with() rather than
  // right(s, 1): right() counts graphemes and costs as much as the regex.
  // The fast path's text is never empty (ascii('') is 0), so only the other two branches can
  // give '': nullif goes around them alone, as it copies what it wraps, and around the whole
  // expression it doubled the plan of every column a load types.
  `create or replace temp macro cb_norm(s) as
     case when strlen(s) = length(s) and ascii(s) > 32
                   and not (ends_with(s, ' ') or ends_with(s, chr(9)) or ends_with(s, chr(10))
                            or ends_with(s, chr(12)) or ends_with(s, chr(13))) then s
       when regexp_matches(s, '^\\s|\\s$|[\\x{3000}\\x{FF01}-\\x{FF5E}\\x{00A0}\\x{FEFF}\\x{200B}]')
       then nullif(regexp_replace(translate(s, ${sqlString(fullWidth + invisible)}, ${sqlString(halfWidth)}), '^\\s+|\\s+$', '', 'g'), '')
       else nullif(s, '') end`,
  // Whether a row's cells all normalise to nothing, without normalising them: the first cell given
  // (coalesce of the cells) and the cells glued together (concat), both passed in. A first given
  // character above the space that is not one the normalisation blanks or deletes (no-break space,
  // zero-width space, ideographic space, byte-order mark) survives normalisation, which settles
  // almost every row; only the rest pay for gluing the row together (five times the cost over a
  // million-row file) and the exact test. Macros are inlined, so `glued` is computed in that
  // branch alone.
  `create or replace temp macro cb_blank_row(first_given, glued) as
     case when ascii(first_given) > 32 and ascii(first_given) not in (160, 8203, 12288, 65279) then false
          else cb_norm(glued) is null end`,
  // Years before 1900 are typos, not HR records.
  `create or replace temp macro cb_iso_date(y, m, d) as
     case when y >= '1900' then try_cast(y || '-' || lpad(m, 2, '0') || '-' || lpad(d, 2, '0') as date) end`,
  // Excel's 1900 date system counts a 29 February 1900 that never was: serial 60 is that phantom
  // day, serials from 61 on are one day "late", so they count from 1899-12-30.
  `create or replace temp macro cb_excel_serial(n) as
     case when n >= 1 and n < 60 then date '1899-12-31' + cast(n as integer)
          when n > 60 then date '1899-12-30' + cast(n as integer) end`,
  `create or replace temp macro cb_date_parts(s) as regexp_extract(s, ${sqlString(separatedDate)}, ['y', 'm', 'd'])`,
  `create or replace temp macro cb_date_from_parts(p) as
     case when p['y'] <> '' then cb_iso_date(p['y'], p['m'], coalesce(nullif(p['d'], ''), '1')) end`,
  // A bare 19xx/20xx is a year someone typed, not a serial day in 1905, and 2019.09 is a month.
  `create or replace temp macro cb_is_serial(s) as
     regexp_full_match(s, '\\d{1,5}(\\.\\d+)?') and not regexp_full_match(s, '(19|20)\\d\\d')
     and not regexp_matches(s, ${sqlString(separatedDate)})`,
  `create or replace temp macro cb_date_form_ok(s) as
     regexp_full_match(s, '\\d{6}|\\d{8}') or cb_is_serial(s) or regexp_matches(s, ${sqlString(separatedDate)})`,
  // An ISO date's text (YYYY-MM-DD) read: the shortest path, most cells of most files.
  `create or replace temp macro cb_date_from_iso(s) as case when s >= '1900' then try_cast(s as date) end`,
  `create or replace temp macro cb_date(s) as
     case when s is null then null
          when regexp_full_match(s, '\\d{4}-\\d{2}-\\d{2}') then cb_date_from_iso(s)
          when regexp_full_match(s, '\\d{8}') then cb_iso_date(substr(s, 1, 4), substr(s, 5, 2), substr(s, 7, 2))
          when regexp_full_match(s, '\\d{6}') then cb_iso_date(substr(s, 1, 4), substr(s, 5, 2), '1')
          when cb_is_serial(s) then cb_excel_serial(floor(cast(s as double)))
          else cb_date_from_parts(cb_date_parts(s)) end`,
  // Excel's 1904 date system (old Mac workbooks) counts serial 0 as 1904-01-01, with no phantom day.
  `create or replace temp macro cb_date_1904(s) as
     case when cb_is_serial(s) then date '1904-01-01' + cast(floor(try_cast(s as double)) as integer) else cb_date(s) end`,
  // 出生年月 1988.11 says nothing about the day: comparisons with an ID number stop at the month.
  `create or replace temp macro cb_date_has_day(s) as
     not (regexp_full_match(s, '\\d{6}') or (regexp_matches(s, ${sqlString(separatedDate)}) and cb_date_parts(s)['d'] = ''))`,
  // A number as Excel and WPS display it (contract v2): thousands separators (1,000 and
  // 1,000.00), a yuan sign before (¥800, ￥800, -¥800, ¥-800) or 元 after (800元). Returns the
  // plain numeral (1000, 800, -800), or the text unchanged when it is not in a display form. A
  // plain number (most cells) is ASCII without a comma (¥, ￥ and 元 are not ASCII): it skips the
  // regex, as in cb_norm.
  `create or replace temp macro cb_numeral(s) as
     case when strlen(s) = length(s) and not contains(s, ',') then s
          when regexp_full_match(s, ${sqlString(displayNumber)}) then regexp_replace(s, '[,\\s¥￥元]', '', 'g') else s end`,
  `create or replace temp macro cb_plain_integer(s) as
     case when regexp_full_match(s, '[+-]?\\d+') then try_cast(s as integer)
          when regexp_full_match(s, '[+-]?\\d+\\.0+') then try_cast(split_part(s, '.', 1) as integer) end`,
  // 1e400 has the form of a number but no value Excel could hold: the cast makes it infinite.
  `create or replace temp macro cb_plain_number(s) as
     case when regexp_full_match(s, '[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?') and isfinite(try_cast(s as double))
          then try_cast(s as double) end`,
  `create or replace temp macro cb_integer(s) as cb_plain_integer(cb_numeral(s))`,
  `create or replace temp macro cb_number(s) as cb_plain_number(cb_numeral(s))`,
  // 330102 19800506 0011: ID numbers are often typed in groups; spaces and dashes are not part of them.
  `create or replace temp macro cb_id_clean(s) as upper(regexp_replace(s, '[\\s-]', '', 'g'))`,
  `create or replace temp macro cb_id_shape_ok(s) as regexp_full_match(s, '\\d{17}[0-9X]|\\d{15}')`,
  `create or replace temp macro cb_id_expected_check(s) as substr(${sqlString(ID_CHECK_CHARACTERS)}, (${idWeightedSum}) % 11 + 1, 1)`,
  `create or replace temp macro cb_id_birth_digits(s) as
     case length(s) when 18 then substr(s, 7, 8) when 15 then '19' || substr(s, 7, 6) end`,
  `create or replace temp macro cb_id_birth(s) as
     case when cb_id_shape_ok(s) then cb_iso_date(substr(cb_id_birth_digits(s), 1, 4), substr(cb_id_birth_digits(s), 5, 2), substr(cb_id_birth_digits(s), 7, 2)) end`,
  // The order digit (17th of 18, last of 15) is odd for men.
  `create or replace temp macro cb_id_gender(s) as
     case when cb_id_shape_ok(s) then
       case when (ascii(substr(s, case when length(s) = 18 then 17 else 15 end, 1)) - 48) % 2 = 1 then 'M' else 'F' end end`,
  `create or replace temp macro cb_id_problem(s) as
     case when s is null then null
          when not cb_id_shape_ok(s) then
            case when regexp_matches(s, '[0-9]E\\+?[0-9]') then '身份证号被存成了数字（科学计数法），后几位已丢失：请把该列设为文本格式后重新导出'
                 else '身份证号应为18位（最后一位可为X）或15位数字' end
          when length(s) = 18 and cb_id_expected_check(s) <> substr(s, 18, 1) then
            '身份证号校验位错误：应为' || cb_id_expected_check(s) || '，实为' || substr(s, 18, 1)
          when cb_id_birth(s) is null then '身份证号中的出生日期不存在：' || cb_id_birth_digits(s) end`,
  ...(Object.keys(vocabularies) as VocabularyName[]).map(vocabularyMacro),
];

/** Defines the macros on a connection (temporary: they never land in the warehouse file). */
export async function installMacros(connection: DuckDBConnection): Promise<void> {
  for (const ddl of macroDdl()) await connection.run(ddl);
}
