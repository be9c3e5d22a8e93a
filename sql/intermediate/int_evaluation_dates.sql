-- grain: one row per evaluation (evaluation_id): the day whose records are read (records_date: who holds which
-- post in which school, attachments, moves), the day ages, exemptions and the policy are taken on
-- (evaluation_date), and the day years are counted up to, not including it (years_counted_to).
-- The as-of date does all three on itself. School year Y reads the records of the day before its
-- round opened and counts to Y-08-31 (ROT-YEAR, contract: Time): ages on that day, years through
-- it, so a teacher who joined on 2016-09-01 has taught 9.0 years for round 2025 and a principal
-- whose third term ends on 2025-08-31 has served it. The outlook's years (digest §7: the school
-- years after the as-of date's round, the first of them the one the plan drafts) are judged the
-- same way on the as-of date's records: nobody moves, nobody is hired. `is_everyone_judged`: the
-- evaluations whose every person in post is listed in int_years_in_school and
-- int_rotation_eligibility (the as-of date: rotation_due, cadre_tenure, reserve_cadres; the coming
-- round, the first outlook year: the plan); the others are read only for who is due (counts,
-- moves, the outlook), so only the people whose interval bounds allow it are judged there.
with params as (select * from run_params),
school_years as (select * from int_school_years),

outlook_years as (
    select cast(round_year_of(params.as_of) + unnest(range(1, params.outlook_years + 1)) as integer) as outlook_year,
    from params
),

evaluations as (
    select params.as_of as records_date, params.as_of as evaluation_date, params.as_of as years_counted_to,
        null::integer as school_year, null::integer as outlook_year, true as is_as_of
    from params
    union all
    select school_years.records_date, school_years.eligibility_date, cast(school_years.eligibility_date + 1 as date),
        school_years.school_year, null, false
    from school_years
    union all
    select params.as_of, make_date(outlook_years.outlook_year, 8, 31), make_date(outlook_years.outlook_year, 9, 1),
        null, outlook_years.outlook_year, false
    from outlook_years
    cross join params
),

merged as (
    -- the as-of evaluation and a school year's may be the same days: one row for both
    select records_date, evaluation_date, years_counted_to, max(school_year) as school_year,
        max(outlook_year) as outlook_year, bool_or(is_as_of) as is_as_of
    from evaluations
    group by records_date, evaluation_date, years_counted_to
),

judged as (
    select merged.*,
        coalesce(merged.is_as_of or merged.outlook_year = round_year_of(params.as_of) + 1, false) as is_everyone_judged,
    from merged
    cross join params
),

final as (
    select
        cast(row_number() over (order by records_date, evaluation_date, years_counted_to) as integer) as evaluation_id,
        *,
    from judged
)

select * from final
