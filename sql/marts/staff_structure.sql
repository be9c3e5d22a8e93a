-- grain: one row per school (or ALL) × post group (leader, middle, teacher, other, all) × title ×
-- education, counting the people in post on the as-of date by their highest post; only
-- combinations with someone in them (headcount ≥ 1). An empty title or education reads 'unknown'.
with people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
staff as (select * from stg_staff),
params as (select * from run_params),

people_with_staff_record as (
    select people.school_id, people.post_group,
        coalesce(staff.title, 'unknown') as title,
        coalesce(staff.education, 'unknown') as education,
    from people
    inner join staff on staff.staff_id = people.staff_id
),

counted as (
    -- each person counts in their school and in ALL, in their post group and in 'all'
    select coalesce(school_id, 'ALL') as school_id, coalesce(post_group, 'all') as post_group,
        title, education, count(*) as headcount
    from people_with_staff_record
    group by grouping sets ((school_id, post_group, title, education), (school_id, title, education),
        (post_group, title, education), (title, education))
),

final as (
    select params.as_of, counted.school_id, counted.post_group, counted.title, counted.education,
        cast(counted.headcount as integer) as headcount,
    from counted
    cross join params
    order by counted.school_id = 'ALL' desc, counted.school_id, counted.post_group, counted.title, counted.education
)

select * from final
