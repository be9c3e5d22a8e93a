-- grain: one row per exemption record visible on the as-of date
with exemptions as (select * from raw_exemptions),
params as (select * from run_params),
reasons as (select * from ref_exemption_reasons),

final as (
    select
        exemptions.row_number as exemption_id,
        exemptions.staff_id,
        exemptions.reason,
        reasons.reason_zh,
        reasons.is_capped,
        exemptions.start_date,
        exemptions.end_date,
    from exemptions
    cross join params
    inner join reasons on reasons.reason = exemptions.reason
    where exemptions.start_date <= params.as_of
)

select * from final
