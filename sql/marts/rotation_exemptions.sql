-- grain: one row per exemption record (暂缓交流) known on the as-of date, with the last day it
-- holds: a signature course or major project exemption longer than the policy maximum is capped
-- at start + maximum − 1 day and listed on the data-quality page (ROT-EXEMPT)
with exemptions as (select * from int_exemptions_valid),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),

final as (
    select
        exemptions.exemption_id,
        exemptions.staff_id,
        people.school_id,
        exemptions.reason,
        exemptions.start_date,
        exemptions.end_date,
        exemptions.valid_until,
        coalesce(exemptions.is_cut_to_maximum, false) as capped,
        exemptions.max_years,
        'ROT-EXEMPT' as rule_id,
        exemptions.reason_zh || '暂缓交流' || date_text(exemptions.start_date) || '至' || date_text(exemptions.end_date)
            || case when exemptions.is_cut_to_maximum then '，超过最长' || number_text(exemptions.max_years) || '年，按'
                || date_text(exemptions.valid_until) || '截止' else '' end || '（ROT-EXEMPT）' as explanation,
    from exemptions
    left join people on people.staff_id = exemptions.staff_id
    order by exemptions.valid_until, exemptions.staff_id, exemptions.exemption_id
)

select * from final
