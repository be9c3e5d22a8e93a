-- grain: one row per school × school year (plus county rows, school_id ALL): did the school send
-- its share of the teachers eligible on the round's eve (ROT-RATIO), were backbone teachers their
-- share of those sent (ROT-BACKBONE), did the county send its share of eligible leaders
-- (ROT-LEAD15). Targets are exact fractions, compared exactly (digest §0).
with counts as (select * from int_rotation_counts),
params as (select * from run_params),

denominators as (
    -- a common denominator of the year's targets, so the county's stays an exact fraction
    select school_year,
        coalesce(list_reduce(list(target_denominator) filter (where target_applies), (a, b) -> lcm(a, b)), 1) as common_denominator,
    from counts
    group by school_year
),

county as (
    -- what the county must send is what its schools must, over everyone eligible: remote and
    -- phased schools count as eligible but owe nothing (ROT-REMOTE)
    select counts.school_year, 'ALL' as school_id,
        any_value(counts.round_opens_on) as round_opens_on, any_value(counts.round_ends_on) as round_ends_on,
        any_value(counts.records_date) as records_date, any_value(counts.eligibility_date) as eligibility_date,
        any_value(counts.is_alt) as is_alt,
        any_value(counts.alt_backbone_numerator) as alt_backbone_numerator, any_value(counts.alt_backbone_denominator) as alt_backbone_denominator,
        any_value(counts.alt_ordinary_numerator) as alt_ordinary_numerator, any_value(counts.alt_ordinary_denominator) as alt_ordinary_denominator,
        bool_or(counts.target_applies) as target_applies,
        sum(counts.eligible) as eligible,
        coalesce(sum(counts.eligible_backbone) filter (where counts.target_applies), 0) as group_backbone,
        coalesce(sum(counts.eligible - counts.eligible_backbone) filter (where counts.target_applies), 0) as group_ordinary,
        sum(counts.eligible_leaders) as eligible_leaders, sum(counts.rotated) as rotated,
        sum(counts.rotated_eligible) as rotated_eligible, sum(counts.backbone_rotated) as backbone_rotated,
        sum(counts.rotated_leaders) as rotated_leaders, sum(counts.received_barred) as received_barred,
        sum(counts.left_early) as left_early, sum(counts.rotated_in) as rotated_in, sum(counts.rotated_out) as rotated_out,
        coalesce(sum(counts.eligible * counts.target_numerator * (denominators.common_denominator // counts.target_denominator))
            filter (where counts.target_applies), 0) as tier_numerator,
        any_value(denominators.common_denominator) as tier_denominator,
        avg(counts.target) as nominal_target,
    from counts
    inner join denominators using (school_year)
    group by counts.school_year
),

schools as (
    select school_id, school_year, round_opens_on, round_ends_on, records_date, eligibility_date, is_alt,
        alt_backbone_numerator, alt_backbone_denominator, alt_ordinary_numerator, alt_ordinary_denominator,
        target_applies, target_exception, phase_in_until, eligible,
        eligible_backbone as group_backbone, eligible - eligible_backbone as group_ordinary,
        eligible_leaders, rotated, rotated_eligible, backbone_rotated, rotated_leaders, received_barred, left_early,
        rotated_in, rotated_out, target_numerator as tier_numerator, target_denominator as tier_denominator, target as nominal_target,
    from counts
),

targeted as (
    -- the share to send, exactly: the tier's; the county's, Σ over its schools on the common
    -- denominator; with ROT-RATIO-ALT, what the backbone and ordinary groups must send over all
    -- eligible (shown as the target; each group is judged on its own)
    select *,
        case when is_alt then group_backbone * alt_backbone_numerator * alt_ordinary_denominator
                + group_ordinary * alt_ordinary_numerator * alt_backbone_denominator
            else tier_numerator end as target_numerator,
        case when is_alt then eligible * alt_backbone_denominator * alt_ordinary_denominator
            when school_id = 'ALL' then tier_denominator * eligible
            else tier_denominator end as target_denominator,
    from (select * from schools union all by name select * from county)
),

judged as (
    select *,
        case when not target_applies or eligible = 0 then null
            when is_alt then coalesce(share_at_least(backbone_rotated, group_backbone, alt_backbone_numerator, alt_backbone_denominator), true)
                and coalesce(share_at_least(rotated - backbone_rotated, group_ordinary, alt_ordinary_numerator, alt_ordinary_denominator), true)
            else share_at_least(rotated, eligible, target_numerator, target_denominator)
        end as is_met,
        policy_numerator('ROT-BACKBONE', 'min_share', eligibility_date) as backbone_numerator,
        policy_denominator('ROT-BACKBONE', 'min_share', eligibility_date) as backbone_denominator,
        -- ROT-LEAD15, or the variant's share for leaders when ROT-RATIO-ALT is switched on
        case when is_alt then 'ROT-RATIO-ALT' else 'ROT-LEAD15' end as leader_rule_id,
    from targeted
),

measured as (
    select
        school_id, school_year,
        cast(eligible as integer) as eligible,
        cast(rotated as integer) as rotated,
        rotated / nullif(eligible, 0) as ratio,
        -- a nominal target where nobody is eligible (the county's: its schools' mean)
        round(coalesce(target_numerator / nullif(target_denominator, 0), nominal_target), 6) as target,
        is_met as met,
        cast(backbone_rotated as integer) as backbone_rotated,
        cast(rotated_eligible as integer) as rotated_eligible,
        backbone_rotated / nullif(rotated, 0) as backbone_share,
        backbone_numerator / backbone_denominator as backbone_target,
        share_at_least(backbone_rotated, rotated, backbone_numerator, backbone_denominator) as backbone_met,
        cast(eligible_leaders as integer) as eligible_leaders,
        cast(rotated_leaders as integer) as rotated_leaders,
        policy_number(leader_rule_id, case when is_alt then 'leaders' else 'target' end, eligibility_date) as leader_target,
        share_at_least(rotated_leaders, eligible_leaders,
            policy_numerator(leader_rule_id, case when is_alt then 'leaders' else 'target' end, eligibility_date),
            policy_denominator(leader_rule_id, case when is_alt then 'leaders' else 'target' end, eligibility_date)) as leader_met,
        leader_rule_id,
        -- the round is still running on the as-of date: its figures are so far, not final
        round_ends_on <= (select as_of from params) as is_complete,
        cast(rotated_in as integer) as rotated_in,
        cast(rotated_out as integer) as rotated_out,
        cast(group_backbone as integer) as eligible_backbone,
        cast(received_barred as integer) as received_barred,
        cast(left_early as integer) as left_early,
        target_applies, target_exception, phase_in_until, is_alt,
        round_opens_on, round_ends_on, records_date as eligibility_records_date, eligibility_date,
        -- the target as an exact fraction (the rotation plan needs ⌈target × eligible⌉ exactly)
        cast(target_numerator as bigint) as target_numerator, cast(target_denominator as bigint) as target_denominator,
        group_ordinary, alt_backbone_numerator, alt_backbone_denominator, alt_ordinary_numerator, alt_ordinary_denominator,
        'ROT-RATIO' as rule_id,
    from judged
),

final as (
    select
        * exclude (group_ordinary, alt_backbone_numerator, alt_backbone_denominator, alt_ordinary_numerator, alt_ordinary_denominator),
        school_year || '学年（交流轮次' || date_text(round_opens_on) || '至' || date_text(round_ends_on) || '）应交流教师' || eligible
            || '人（按' || date_text(eligibility_records_date) || '的记录、计至' || date_text(eligibility_date) || '，不含校级干部），本轮交流'
            || rotated || '人（其中符合交流条件' || rotated_eligible || '人）'
            || case
                when target_exception = 'remote' then '，偏远学校，不设交流比例目标（ROT-REMOTE）'
                when target_exception = 'phase_in' then '，分批完成交流至' || phase_in_until || '学年，本学年不单独考核比例（ROT-REMOTE）'
                when eligible = 0 then '，无应交流人员'
                when is_alt then '，骨干教师交流' || backbone_rotated || '人、应交流' || eligible_backbone || '人（目标'
                    || percent_text(alt_backbone_numerator / alt_backbone_denominator) || '），普通教师交流' || (rotated - backbone_rotated)
                    || '人、应交流' || group_ordinary || '人（目标' || percent_text(alt_ordinary_numerator / alt_ordinary_denominator) || '），'
                    || case when met then '达标' else '未达标' end || '（ROT-RATIO-ALT）'
                else '，比例' || percent_text(ratio) || '（' || case when met then '≥' else '<' end || percent_text(target) || '），'
                    || case when met then '达标' else '未达标' end
            end
            || case when is_complete then '' else '（本轮未结束，截至统计日）' end || '（ROT-RATIO）' as explanation,
    from measured
    order by school_id = 'ALL' desc, school_id, school_year
)

select * from final
