-- grain: one row per alias of an office name in force on the as-of date (APT-ESTABLISHMENT:
-- "教务处=教导处" counts 教务处 as 教导处, a local choice the bureau makes in the policy file)
with policy as (select * from policy_values),
params as (select * from run_params),

pairs as (
    select trim(pair.text) as pair,
    from policy
    cross join params,
    unnest(string_split(policy.text_value, '、')) as pair(text)
    where policy.rule_id = 'APT-ESTABLISHMENT' and policy.key = 'office_aliases'
        and policy.valid_from <= params.as_of and params.as_of < policy.valid_to
        and trim(pair.text) <> ''
),

final as (
    select trim(split_part(pair, '=', 1)) as alias, any_value(trim(split_part(pair, '=', 2))) as office,
    from pairs
    group by alias
)

select * from final
