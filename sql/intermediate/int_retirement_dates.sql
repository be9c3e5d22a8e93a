-- grain: one row per staff member: the statutory retirement date (digest §6). Retirement month =
-- birth month + old age + delay, delay = min(ceil(n ÷ step), maximum) with n the birth month's
-- place counted from the track's first affected month (that month is 1); n ≤ 0: no delay.
-- The date shown is the first day of the retirement month (a man born 1965-01 retires 2025-02-01).
-- Also the day from which the person may take a direct-hire post instead of competing: the
-- policy's years before that date (EXIT-RETIRE, 001 篇4: 距法定退休5年内).
with params as (select * from run_params),
staff as (select * from stg_staff),
appointments as (select * from stg_appointments),
tracks as (select * from stg_policy_retirement_tracks),

latest_post as (
    -- the post that decides a woman's track when her 岗位类别 is empty: the highest one she
    -- holds last (工勤 → the 50 track); looked for only where it decides, since ranking every
    -- appointment of everyone cost a second at a million staff
    select staff_id, is_worker_post
    from appointments
    where staff_id in (select staff_id from staff where gender is distinct from 'M' and is_worker_category is null)
    qualify row_number() over (partition by staff_id order by end_date_or_open desc, post_rank, appointment_id) = 1
),

placed as (
    select
        staff.staff_id,
        staff.gender,
        staff.birth_date,
        tracks.track,
        tracks.old_age_years,
        tracks.step_months,
        tracks.max_delay_months,
        -- a given 岗位类别 decides; the latest post only when it is empty (contract v2: staff)
        case when staff.post_category is not null then 'post_category' else 'latest_post' end as track_decided_by,
        date_sub('month', tracks.first_birth_month, date_trunc('month', staff.birth_date)) + 1 as months_from_first,
    from staff
    left join latest_post on latest_post.staff_id = staff.staff_id
    inner join tracks
        on tracks.gender = staff.gender
        and (staff.gender = 'M' or tracks.is_worker_track = coalesce(staff.is_worker_category, latest_post.is_worker_post, false))
),

delayed as (
    select
        *,
        case when months_from_first <= 0 then 0
            else least(cast(ceil(months_from_first / step_months) as integer), max_delay_months) end as delay_months,
    from placed
),

dated as (
    select
        *,
        cast(date_trunc('month', birth_date) + to_months(old_age_years * 12 + delay_months) as date) as retirement_date,
    from delayed
),

final as (
    select
        dated.staff_id,
        dated.track,
        dated.track_decided_by,
        dated.old_age_years,
        dated.delay_months,
        dated.retirement_date,
        policy_number('EXIT-RETIRE', 'direct_hire_years', params.as_of) as direct_hire_years,
        -- 5年内 includes the fifth year: the window opens exactly that many years before
        add_policy_years(dated.retirement_date, -policy_number('EXIT-RETIRE', 'direct_hire_years', params.as_of)) as direct_hire_from,
        '自' || date_text(add_policy_years(dated.retirement_date, -policy_number('EXIT-RETIRE', 'direct_hire_years', params.as_of)))
            || '起距退休' || number_text(policy_number('EXIT-RETIRE', 'direct_hire_years', params.as_of)) || '年内，可直聘（EXIT-RETIRE）' as direct_hire_text,
    from dated
    cross join params
)

select * from final
