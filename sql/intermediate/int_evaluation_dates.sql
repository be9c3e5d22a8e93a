-- grain: one row per date a rule is evaluated on: the as-of date and each school year's eve
with params as (select * from run_params),
school_years as (select * from int_school_years),

dates as (
    select params.as_of as evaluation_date, true as is_as_of from params
    union all
    select school_years.eligibility_date, false from school_years
),

final as (
    select evaluation_date, bool_or(is_as_of) as is_as_of
    from dates
    group by evaluation_date
)

select * from final
