-- grain: one row per person protected from dismissal on the as-of date (EXIT-PROTECT, 004 第3篇:
-- 学校不得解聘): an exemption valid that day whose reason bars dismissal (孕期, 产期, 哺乳期,
-- 重病, 工伤: ref_exemption_reasons.bars_dismissal, from the contract), with the day the
-- protection ends: the end of the unbroken stretch of such exemptions (int_merged_stretches)
with params as (select * from run_params),
stretches as (select * from int_merged_stretches where stretch_kind = 'protection'),

final as (
    select
        stretches.staff_id,
        stretches.stretch_start as protected_from,
        stretches.stretch_end_or_open as protected_until,
        stretches.labels_text as reasons_text,
    from stretches
    cross join params
    where stretches.stretch_start <= params.as_of and stretches.stretch_end_or_open >= params.as_of
)

select * from final
