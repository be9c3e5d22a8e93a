-- grain: one row per person protected from dismissal on the as-of date (EXIT-PROTECT, 004 第3篇:
-- 学校不得解聘): an exemption valid that day whose reason bars dismissal (孕期, 产期, 哺乳期,
-- 重病, 工伤: ref_exemption_reasons.bars_dismissal, from the contract), with the day the
-- protection ends. Protections that follow each other without a gap (pregnancy, then maternity,
-- then nursing) are one stretch, and it ends when the last of them does.
with params as (select * from run_params),
exemptions as (select * from stg_exemptions),
reasons as (select * from ref_exemption_reasons),

protecting as (
    select exemptions.staff_id, exemptions.exemption_id, exemptions.start_date, exemptions.end_date, exemptions.reason_zh,
        -- the furthest any earlier protection of the person reaches: a start after it (and not
        -- the day after) begins a new stretch
        max(exemptions.end_date) over (
            partition by exemptions.staff_id order by exemptions.start_date, exemptions.end_date, exemptions.exemption_id
            rows between unbounded preceding and 1 preceding
        ) as previous_reach,
    from exemptions
    inner join reasons on reasons.reason = exemptions.reason
    where reasons.bars_dismissal
),

stretches as (
    select *,
        sum(case when previous_reach is null or start_date > previous_reach + 1 then 1 else 0 end) over (
            partition by staff_id order by start_date, end_date, exemption_id rows unbounded preceding
        ) as stretch_number,
    from protecting
),

final as (
    select
        stretches.staff_id,
        min(stretches.start_date) as protected_from,
        max(stretches.end_date) as protected_until,
        string_agg(distinct stretches.reason_zh, '、') as reasons_text,
    from stretches
    cross join params
    group by stretches.staff_id, stretches.stretch_number, params.as_of
    having min(stretches.start_date) <= params.as_of and max(stretches.end_date) >= params.as_of
)

select * from final
