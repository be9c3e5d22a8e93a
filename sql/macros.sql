-- Shared SQL functions of the models: date arithmetic, text for a clerk, and reading the policy
-- values (policy_values) in force on a date. No policy number is written here.

-- completed years of age (周岁) on a date
create or replace macro age_on(birth_date, on_date) as date_sub('year', birth_date, on_date);

-- decimal years from one date to another: whole anniversaries plus the fraction of the year in
-- progress, so a start on 2017-09-01 gives exactly 9.0 on 2026-09-01 (days ÷ 365.25 would not).
-- The one-element lists bind the whole years and the last anniversary to a name: a macro is
-- inlined, and written out plainly it computed date_sub four times, which made it the costliest
-- expression of the models (millions of rows at a province's size); this form is 40 % faster
-- and gives identical values (test/models/macros.test.ts compares the two on 1.9 million pairs
-- of days, leap days and backwards pairs included).
create or replace macro decimal_years(from_date, to_date) as
  case when from_date >= to_date then 0.0 else
    list_transform([date_sub('year', from_date, to_date)], whole_years ->
      list_transform([cast(from_date + to_years(whole_years) as date)], anniversary ->
        whole_years + (to_date - anniversary)
          / (cast(from_date + to_years(whole_years + 1) as date) - anniversary)::double)[1])[1]
  end;

-- a date a number of (possibly fractional) policy years later, to the month
create or replace macro add_policy_years(from_date, years) as
  cast(from_date + to_months(cast(round(years * 12) as integer)) as date);

-- years shown to a clerk: cut (not rounded) to one decimal, so 8.99 reads 8.9 and stays < 9
create or replace macro years_text(years) as printf('%.1f', floor(years * 10) / 10);

-- a number of a policy without trailing zeros: 9 → '9', 0.5 → '0.5'
create or replace macro number_text(value) as
  case when value = round(value) then cast(cast(value as bigint) as varchar) else cast(round(value, 4) as varchar) end;

-- a share as a percentage: 0.15 → '15%', 0.1667 → '16.7%'
create or replace macro percent_text(share) as number_text(round(share * 100, 1)) || '%';

create or replace macro date_text(day) as strftime(day, '%Y-%m-%d');

-- one number ordered by a day, then by a record id (an appointment_id: a row number): with
-- arg_min it picks the earliest record of each group in a hash aggregate, where
-- `qualify row_number() over (… order by day, id) = 1` sorts every record
create or replace macro day_then_id(day, id) as date_diff('day', DATE '1970-01-01', day) * 4294967296 + id;

-- the value of a policy key in force on a date (policy_values holds every dated value). Numbers
-- and texts have a lookup each: they are read on millions of rows, and going through the record
-- of policy_entry below made them 40 % slower (2 million calls: 150 ms → 210–280 ms).
create or replace macro policy_number(rule, name, on_date) as (
  select num_value from policy_values
  where rule_id = rule and key = name and valid_from <= on_date and on_date < valid_to
);
create or replace macro policy_text(rule, name, on_date) as (
  select text_value from policy_values
  where rule_id = rule and key = name and valid_from <= on_date and on_date < valid_to
);
-- the whole entry of a key as one record, for the rarer reads below
create or replace macro policy_entry(rule, name, on_date) as (
  select {'text_value': text_value, 'numerator': numerator, 'denominator': denominator}
  from policy_values
  where rule_id = rule and key = name and valid_from <= on_date and on_date < valid_to
);
-- a switch (a boolean key: text_value 'true' or 'false')
create or replace macro policy_flag(rule, name, on_date) as policy_entry(rule, name, on_date).text_value = 'true';
-- a share as its exact fraction (0.15 is 3/20, "2/3" stays 2/3), for comparisons that must not
-- round (digest §0: 20 of 30 reaches 2/3)
create or replace macro policy_numerator(rule, name, on_date) as policy_entry(rule, name, on_date).numerator;
create or replace macro policy_denominator(rule, name, on_date) as policy_entry(rule, name, on_date).denominator;

-- part ÷ whole ≥ numerator ÷ denominator, cross-multiplied in integers so that 20 of 30 reaches
-- 2/3 and 3 of 20 reaches 15 % (不低于, 不少于, 以上); null when whole is 0 (no share to judge)
create or replace macro share_at_least(part, whole, numerator, denominator) as
  case when whole <> 0 then cast(part as hugeint) * denominator >= cast(whole as hugeint) * numerator end;
-- part ÷ whole > numerator ÷ denominator (超过)
create or replace macro share_above(part, whole, numerator, denominator) as
  case when whole <> 0 then cast(part as hugeint) * denominator > cast(whole as hugeint) * numerator end;

-- a share as the bureau wrote it: '2/3' when written as a fraction, else a percentage ('15%')
create or replace macro share_text(rule, name, on_date) as
  coalesce(policy_text(rule, name, on_date), percent_text(policy_number(rule, name, on_date)));

-- the day the rotation round of school year Y opens (ROT-YEAR: round_opens, a month-day, as in
-- force on Y-08-31); the round runs to the day before next year's round opens
create or replace macro round_opens_on(school_year) as cast(strptime(
  cast(school_year as integer) || '-' || policy_text('ROT-YEAR', 'round_opens', make_date(cast(school_year as integer), 8, 31)),
  '%Y-%m-%d') as date);
-- the school year whose round a day falls in: rotations are carried out in the summer before
-- the school year opens, so a rotation starting on 2025-07-15 counts toward 2025 (ROT-YEAR)
create or replace macro round_year_of(day) as
  case when day >= round_opens_on(year(day)) then year(day) else year(day) - 1 end;
