-- grain: one row per evaluation's records date (the as-of date, and each school year's round
-- eve) × person in post on it, with the school and post that rank highest among the posts they
-- hold (a middle head who also teaches counts as middle); `evaluation_date` here is that day
-- read twice (the holdings, then the chosen record's columns): not materialized, or DuckDB would
-- copy every column of every appointment first
with appointments as not materialized (select * from stg_appointments),
dates as (select distinct records_date as evaluation_date from int_evaluation_dates),
staff as (select * from stg_staff),

holdings as (
    select dates.evaluation_date, appointments.staff_id, appointments.appointment_id,
        appointments.post_rank, appointments.start_date, appointments.school_id,
    from appointments
    inner join dates
        on appointments.start_date <= dates.evaluation_date
        and appointments.end_date_or_open >= dates.evaluation_date
),

highest_post as (
    -- the highest-ranked post (then the earliest start, then the school) decides; an aggregate
    -- is much cheaper here than a window over every holding, and carrying only the record's id
    -- through it (its columns are joined back after) cheaper again
    select
        evaluation_date,
        staff_id,
        arg_min(appointment_id, (post_rank, start_date, school_id, appointment_id)) as appointment_id,
    from holdings
    group by evaluation_date, staff_id
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
