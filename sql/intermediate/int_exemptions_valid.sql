-- grain: one row per exemption record, with the last day it can be relied on: a signature
-- course or major project exemption runs at most the policy maximum from its start (ROT-EXEMPT)
with exemptions as (select * from stg_exemptions),
policy as (select * from policy_values where rule_id = 'ROT-EXEMPT' and key = 'max_extension_years'),

final as (
    select
        exemptions.*,
        policy.num_value as max_years,
        case when exemptions.is_capped
            then least(exemptions.end_date, cast(add_policy_years(exemptions.start_date, policy.num_value) - 1 as date))
            else exemptions.end_date end as valid_until,
        exemptions.is_capped
            and exemptions.end_date > cast(add_policy_years(exemptions.start_date, policy.num_value) - 1 as date) as is_cut_to_maximum,
    from exemptions
    -- the maximum in force when the exemption was granted
    left join policy on policy.valid_from <= exemptions.start_date and exemptions.start_date < policy.valid_to
)

select * from final
