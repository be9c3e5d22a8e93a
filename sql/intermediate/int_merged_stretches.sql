-- grain: one row per person × kind × unbroken stretch of records of that kind; records that
-- overlap or follow the next day are one stretch. Kinds:
-- 'protection' (exemptions whose reason bars dismissal, EXIT-PROTECT: pregnancy, then maternity,
-- then nursing back to back protect until the last ends), 'leadership_experience' (class
-- teacher, grade or subject leader: a class teacher who also leads a subject counts each day
-- once, APT-RESERVE), 'awaiting_post' (待岗 records, one round's after another: EXIT-AWAIT counts
-- from the first day). Both windows order by the record id too, so ties order the same way.
with exemptions as (select * from stg_exemptions),
appointments as (select * from stg_appointments),
reasons as (select * from ref_exemption_reasons),

records as (
    select exemptions.staff_id, 'protection' as stretch_kind, exemptions.exemption_id as record_id,
        exemptions.start_date, exemptions.end_date as end_date_or_open, exemptions.reason_zh as label,
    from exemptions
    inner join reasons on reasons.reason = exemptions.reason
    where reasons.bars_dismissal
    union all
    select staff_id, 'leadership_experience', appointment_id, start_date, end_date_or_open, post_zh
    from appointments where counts_as_leadership_experience
    union all
    select staff_id, 'awaiting_post', appointment_id, start_date, end_date_or_open, post_zh
    from appointments where is_awaiting_post
),

ordered as (
    select *,
        max(end_date_or_open) over (
            partition by staff_id, stretch_kind order by start_date, end_date_or_open, record_id
            rows between unbounded preceding and 1 preceding
        ) as previous_reach,
    from records
),

numbered as (
    select *,
        sum(case when previous_reach is null or start_date > previous_reach + 1 then 1 else 0 end) over (
            partition by staff_id, stretch_kind order by start_date, end_date_or_open, record_id rows unbounded preceding
        ) as stretch_number,
    from ordered
),

final as (
    select
        staff_id,
        stretch_kind,
        stretch_number,
        min(start_date) as stretch_start,
        max(end_date_or_open) as stretch_end_or_open,
        -- the distinct labels in order; a grouped DISTINCT aggregate cost 3 s at a million staff
        nullif(array_to_string(list_sort(list_distinct(list(label))), '、'), '') as labels_text,
    from numbered
    group by staff_id, stretch_kind, stretch_number
)

select * from final
