-- grain: one row per school year from the first year with a rotation up to the as-of date's
-- school year; eligibility for year Y is decided on Y-08-31, the day before it begins (contract: Time)
with params as (select * from run_params),
rotations as (select * from stg_rotations),

bounds as (
    select
        coalesce(min(rotations.school_year), school_year_of(params.as_of)) as first_year,
        school_year_of(params.as_of) as last_year,
    from params
    left join rotations on true
    group by params.as_of
),

final as (
    select
        cast(years.school_year as integer) as school_year,
        make_date(cast(years.school_year as integer), 8, 31) as eligibility_date,
        make_date(cast(years.school_year as integer), 9, 1) as year_start_date,
        make_date(cast(years.school_year as integer) + 1, 8, 31) as year_end_date,
    from bounds
    cross join lateral (select unnest(range(bounds.first_year, bounds.last_year + 1)) as school_year) as years
)

select * from final
