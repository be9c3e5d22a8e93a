-- grain: one row per appointment record visible on the as-of date
with appointments as (select * from raw_appointments),
params as (select * from run_params),
posts as (select * from ref_posts),
methods as (select * from ref_methods),

visible as (
    -- a rule never looks at records after the as-of date: later appointments do not exist yet,
    -- and an end date after it is not known yet, so the person is still in post
    select
        appointments.*,
        case when appointments.end_date <= params.as_of then appointments.end_date end as known_end_date,
    from appointments
    cross join params
    where appointments.start_date <= params.as_of
),

final as (
    select
        visible.row_number as appointment_id,
        visible.staff_id,
        visible.school_id,
        visible.post,
        posts.post_group,
        posts.post_rank,
        posts.post_zh,
        posts.is_middle_head,
        posts.is_middle_deputy,
        posts.counts_as_leadership_experience,
        posts.is_worker_post,
        posts.post_group in ('leader', 'middle') as is_cadre_post,
        coalesce(visible.department, '') as department,
        visible.start_date,
        visible.known_end_date as end_date,
        -- an open record reaches past any date a rule asks about
        coalesce(visible.known_end_date, 'infinity'::date) as end_date_or_open,
        visible."round" as hiring_round,
        -- how a hiring round ended for the record (digest §5): 未参聘, 竞聘, 落聘, 二次聘任, 直聘
        visible.method = 'not_participating' as is_not_participating,
        visible.method = 'competitive' as is_competitive,
        visible.method = 'not_hired' as is_not_hired,
        visible.method = 'second_round' as is_second_round,
        visible.method = 'direct' as is_direct,
        methods.method_zh,
        -- a first appointment at a school by 新进 or 调入 starts the trial year there (APT-TRIAL)
        coalesce(methods.starts_trial, false) as starts_trial,
        visible.post = 'awaiting_post' as is_awaiting_post,
        visible.term_years,
        visible.probation_end,
    from visible
    inner join posts on posts.post = visible.post
    left join methods on methods.method = visible.method
)

select * from final
