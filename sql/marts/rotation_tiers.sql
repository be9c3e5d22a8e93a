-- grain: one row per school tier (strong, general, weak) on the as-of date: how many of the
-- county's schools it holds; strong and weak schools are each at most the policy's share of all
-- schools, 不超过 (ROT-TIERS). Tiers carry no history in the records: this is today's list.
with schools as (select * from stg_schools),
tiers as (select * from ref_tiers),
params as (select * from run_params),

counted as (
    select tiers.tier, tiers.tier_zh, count(schools.school_id) as schools,
        (select count(*) from schools) as all_schools,
    from tiers
    left join schools on schools.tier = tiers.tier
    group by tiers.tier, tiers.tier_zh
),

final as (
    select
        tier, tier_zh,
        cast(schools as integer) as schools,
        cast(all_schools as integer) as all_schools,
        schools / nullif(all_schools, 0) as share,
        -- only strong and weak schools are capped
        case when tier <> 'general' then policy_number('ROT-TIERS', 'max_share', params.as_of) end as max_share,
        case when tier <> 'general' then not share_above(schools, all_schools,
            policy_numerator('ROT-TIERS', 'max_share', params.as_of), policy_denominator('ROT-TIERS', 'max_share', params.as_of)) end as within,
        'ROT-TIERS' as rule_id,
        tier_zh || '学校' || schools || '所，占全县' || all_schools || '所学校的' || percent_text(schools / nullif(all_schools, 0))
            || case when tier = 'general' then ''
                else case when share_above(schools, all_schools, policy_numerator('ROT-TIERS', 'max_share', params.as_of),
                        policy_denominator('ROT-TIERS', 'max_share', params.as_of))
                    then '，超过' else '，未超过' end || share_text('ROT-TIERS', 'max_share', params.as_of) end
            || '（ROT-TIERS）' as explanation,
    from counted
    cross join params
    order by case tier when 'strong' then 1 when 'general' then 2 else 3 end
)

select * from final
