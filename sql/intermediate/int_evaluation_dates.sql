-- grain: one row per evaluation: the day whose records are read (records_date: who holds which
-- post in which school, attachments, moves) and the day years, ages and exemptions are counted to
-- (evaluation_date). The as-of date reads and counts on itself; school year Y reads the records of
-- the day before its round opened and counts to Y-08-31 (ROT-YEAR, contract: Time)
with params as (select * from run_params),
school_years as (select * from int_school_years),

evaluations as (
    select params.as_of as records_date, params.as_of as evaluation_date, null::integer as school_year, true as is_as_of
    from params
    union all
    select school_years.records_date, school_years.eligibility_date, school_years.school_year, false
    from school_years
),

final as (
    -- the as-of evaluation and a school year's may be the same pair of days: one row for both
    select records_date, evaluation_date, max(school_year) as school_year, bool_or(is_as_of) as is_as_of
    from evaluations
    group by records_date, evaluation_date
)

select * from final
