-- grain: one row per person × school × spell kind × key × unbroken stretch of holding it.
-- Kinds: 'post' (the same cadre post in the same office: years_in_post, ROT-MC6),
-- 'leader_group' (any school-leader post: three consecutive terms, ROT-P3),
-- 'office' (head or deputy of the same office, in total: ROT-MC6's 9 years).
-- Term-by-term records that follow each other without a gap are one spell. Both windows order by
-- the record id too, so tied records cannot be ordered differently by each.
with appointments as (select * from stg_appointments),

keyed as (
    select staff_id, school_id, 'post' as spell_kind, post || '|' || department as spell_key,
        post, department, appointment_id, start_date, end_date_or_open
    from appointments where is_cadre_post
    union all
    select staff_id, school_id, 'leader_group', post_group, null, null, appointment_id, start_date, end_date_or_open
    from appointments where post_group = 'leader'
    union all
    select staff_id, school_id, 'office', department, null, department, appointment_id, start_date, end_date_or_open
    from appointments where post_group = 'middle' and department <> ''
),

ordered as (
    select
        *,
        max(end_date_or_open) over (
            partition by staff_id, school_id, spell_kind, spell_key order by start_date, end_date_or_open, appointment_id
            rows between unbounded preceding and 1 preceding
        ) as previous_reach,
    from keyed
),

numbered as (
    select
        *,
        sum(case when previous_reach is null or start_date > previous_reach + 1 then 1 else 0 end) over (
            partition by staff_id, school_id, spell_kind, spell_key order by start_date, end_date_or_open, appointment_id
            rows unbounded preceding
        ) as spell_number,
    from ordered
),

final as (
    select
        staff_id,
        school_id,
        spell_kind,
        spell_key,
        any_value(post) as post,
        any_value(department) as department,
        spell_number,
        min(start_date) as spell_start,
        max(end_date_or_open) as spell_end_or_open,
    from numbered
    group by staff_id, school_id, spell_kind, spell_key, spell_number
)

select * from final
