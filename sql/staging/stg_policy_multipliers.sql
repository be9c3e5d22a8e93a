-- grain: one row per cadre post × appraisal grade × period the multiplier is in force (PAY-MULT)
with policy as (select * from policy_values),

final as (
    select
        split_part(policy.key, '.', 1) as post,
        split_part(policy.key, '.', 2) as grade,
        policy.valid_from,
        policy.valid_to,
        policy.num_value as multiplier,
    from policy
    where policy.rule_id = 'PAY-MULT'
)

select * from final
