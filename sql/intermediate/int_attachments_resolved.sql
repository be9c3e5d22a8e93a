-- grain: one row per person × school × unbroken stretch of appointments there (any post);
-- records that touch or overlap (next start ≤ previous end + 1 day) are one attachment.
-- Both windows order by the record id too: with ties left open they may order differently
-- and split one attachment in two.
with appointments as (select * from stg_appointments),

ordered as (
    select
        staff_id,
        school_id,
        appointment_id,
        start_date,
        end_date_or_open,
        max(end_date_or_open) over (
            partition by staff_id, school_id order by start_date, end_date_or_open, appointment_id
            rows between unbounded preceding and 1 preceding
        ) as previous_reach,
    from appointments
),

numbered as (
    select
        *,
        sum(case when previous_reach is null or start_date > previous_reach + 1 then 1 else 0 end) over (
            partition by staff_id, school_id order by start_date, end_date_or_open, appointment_id
            rows unbounded preceding
        ) as attachment_number,
    from ordered
),

final as (
    select
        staff_id,
        school_id,
        attachment_number,
        min(start_date) as attachment_start,
        max(end_date_or_open) as attachment_end_or_open,
    from numbered
    group by staff_id, school_id, attachment_number
)

select * from final
