-- grain: one row per person in post on the as-of date (the records date of the as-of evaluation
-- and of the outlook years), with the school and post that rank highest among the posts they
-- hold (a middle head who also teaches counts as middle): their segment of int_post_segments
-- that contains the as-of date. `evaluation_date` is that day. The school years' round eves are
-- read from the segments themselves (int_years_in_school), not from rows here.
with appointments as not materialized (select * from stg_appointments),
segments as (select * from int_post_segments),
params as (select * from run_params),
staff as (select * from stg_staff),

highest_post as (
    select params.as_of as evaluation_date, segments.staff_id, segments.appointment_id,
    from segments
    inner join params
        on segments.segment_start <= params.as_of
        and segments.segment_end_or_open >= params.as_of
),

final as (
    select
        highest_post.evaluation_date,
        highest_post.staff_id,
        appointments.school_id,
        appointments.post,
        appointments.post_group,
        appointments.post_rank,
        appointments.post_zh,
        appointments.department,
        appointments.is_worker_post,
        appointments.start_date,
        staff.gender,
        staff.gender_zh,
        staff.birth_date,
        staff.is_tenured,
        staff.is_backbone,
        age_on(staff.birth_date, highest_post.evaluation_date) as age,
    from highest_post
    inner join appointments on appointments.appointment_id = highest_post.appointment_id
    inner join staff on staff.staff_id = highest_post.staff_id
)

select * from final
