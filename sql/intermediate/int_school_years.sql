-- grain: one row per school year from the first one with a rotation up to the one whose round
-- the as-of date falls in. The round of school year Y opens on Y-<round_opens> and runs to the day
-- before the next year's round opens; who is eligible for Y is judged on the records as they stood
-- on the day before it opened, with years and ages counted to Y-08-31 (ROT-YEAR, contract: Time)
with params as (select * from run_params),
rotations as (select * from stg_rotations),

bounds as (
    select
        coalesce(min(rotations.school_year), round_year_of(params.as_of)) as first_year,
        round_year_of(params.as_of) as last_year,
    from params
    left join rotations on true
    group by params.as_of
),

years as (
    select cast(unnest(range(bounds.first_year, bounds.last_year + 1)) as integer) as school_year
    from bounds
),

final as (
    select
        school_year,
        round_opens_on(school_year) as round_opens_on,
        cast(round_opens_on(school_year + 1) - 1 as date) as round_ends_on,
        cast(round_opens_on(school_year) - 1 as date) as records_date,
        make_date(school_year, 8, 31) as eligibility_date,
        make_date(school_year, 9, 1) as year_start_date,
        make_date(school_year + 1, 8, 31) as year_end_date,
    from years
)

select * from final
