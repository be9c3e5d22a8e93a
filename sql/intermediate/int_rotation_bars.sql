-- grain: one row per evaluation × staff member who may not be received by another school then
-- (ROT-BAR): an annual appraisal of 不合格/不称职 in the policy's last `years` appraisal years
-- known on the records date (year Y's appraisal is known from Y+1-01-01). The seed's other grounds
-- (absence without leave, an investigation or discipline) are not in the records.
with evaluations as (select * from int_evaluation_dates),
appraisals as (select * from stg_appraisals where is_incompetent),

windows as (
    -- the appraisal years looked at: the last `years` ones before the records date's year
    select evaluation_id, records_date, policy_number('ROT-BAR', 'years', evaluation_date) as bar_years,
    from evaluations
),

final as (
    select
        windows.evaluation_id,
        appraisals.staff_id,
        max(appraisals.appraisal_year) as failed_year,
        any_value(windows.bar_years) as bar_years,
    from windows
    inner join appraisals
        on appraisals.appraisal_year < year(windows.records_date)
        and appraisals.appraisal_year >= year(windows.records_date) - windows.bar_years
    group by windows.evaluation_id, appraisals.staff_id
)

select * from final
