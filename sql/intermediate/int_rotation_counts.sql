-- grain: one row per school × school year (plus county rows, school_id ALL): of those due to
-- rotate on the eve of the year (Y-08-31), how many rotated to another school during the year
-- (ROT-RATIO), how many of those were backbone teachers (ROT-BACKBONE), and leaders (ROT-LEAD15);
-- plus everyone who rotated in or out during the year (people, not only those due)
with school_years as (select * from int_school_years),
schools as (select * from stg_schools),
eligibility as (select * from int_rotation_eligibility),
rotations as (select * from stg_rotations where is_between_schools),
policy as (select * from policy_values where rule_id = 'ROT-RATIO'),

eligible as (
    select school_years.school_year, eligibility.staff_id, eligibility.school_id,
        eligibility.is_backbone, eligibility.post_group = 'leader' as is_leader,
    from eligibility
    inner join school_years on school_years.eligibility_date = eligibility.evaluation_date
    where eligibility.is_due
),

rotated as (
    select distinct school_year, staff_id, from_school_id as school_id from rotations
),

per_school as (
    select school_years.school_year, schools.school_id,
        count(eligible.staff_id) as eligible,
        count(rotated.staff_id) as rotated,
        count(rotated.staff_id) filter (where eligible.is_backbone) as backbone_rotated,
        count(eligible.staff_id) filter (where eligible.is_leader) as eligible_leaders,
        count(rotated.staff_id) filter (where eligible.is_leader) as rotated_leaders,
        -- ROT-RATIO: the tier's target, raised to the 城镇 target for urban and town schools
        greatest(
            max(tier_target.num_value),
            max(case when schools.is_urban_or_town then town_target.num_value end)
        ) as target,
    from school_years
    cross join schools
    left join eligible on eligible.school_year = school_years.school_year and eligible.school_id = schools.school_id
    left join rotated on rotated.school_year = eligible.school_year
        and rotated.staff_id = eligible.staff_id and rotated.school_id = eligible.school_id
    left join policy as tier_target on tier_target.key = 'target_' || schools.tier
        and tier_target.valid_from <= school_years.eligibility_date and school_years.eligibility_date < tier_target.valid_to
    left join policy as town_target on town_target.key = 'target_urban_or_town'
        and town_target.valid_from <= school_years.eligibility_date and school_years.eligibility_date < town_target.valid_to
    group by school_years.school_year, schools.school_id
),

moves as (
    -- every between-school rotation starting in the year, seen from both schools
    select school_year, to_school_id as school_id, staff_id, 'in' as direction from rotations
    union all
    select school_year, from_school_id as school_id, staff_id, 'out' as direction from rotations
),

moves_per_school as (
    select school_years.school_year, schools.school_id,
        count(distinct moves.staff_id) filter (where moves.direction = 'in') as rotated_in,
        count(distinct moves.staff_id) filter (where moves.direction = 'out') as rotated_out,
    from school_years
    cross join schools
    left join moves on moves.school_year = school_years.school_year and moves.school_id = schools.school_id
    group by school_years.school_year, schools.school_id
),

moves_with_county as (
    select * from moves_per_school
    union all
    select school_year, 'ALL' as school_id, sum(rotated_in) as rotated_in, sum(rotated_out) as rotated_out,
    from moves_per_school
    group by school_year
),

county as (
    -- the county's target is its schools' targets weighted by how many each has eligible,
    -- rounded so the floating-point sum order cannot change the figure from run to run
    select school_year, 'ALL' as school_id, sum(eligible) as eligible, sum(rotated) as rotated,
        sum(backbone_rotated) as backbone_rotated, sum(eligible_leaders) as eligible_leaders,
        sum(rotated_leaders) as rotated_leaders,
        round(coalesce(sum(target * eligible) / nullif(sum(eligible), 0), avg(target)), 6) as target,
    from per_school
    group by school_year
),

final as (
    select
        rows.school_id, rows.school_year,
        cast(rows.eligible as integer) as eligible, cast(rows.rotated as integer) as rotated,
        rows.rotated / nullif(rows.eligible, 0) as ratio,
        rows.target,
        case when rows.eligible > 0 then rows.rotated / rows.eligible >= rows.target end as met,
        cast(rows.backbone_rotated as integer) as backbone_rotated,
        rows.backbone_rotated / nullif(rows.rotated, 0) as backbone_share,
        policy_number('ROT-BACKBONE', 'min_share', make_date(rows.school_year, 8, 31)) as backbone_target,
        cast(rows.eligible_leaders as integer) as eligible_leaders,
        cast(rows.rotated_leaders as integer) as rotated_leaders,
        policy_number('ROT-LEAD15', 'target', make_date(rows.school_year, 8, 31)) as leader_target,
        -- the as-of date's school year is still running: its figures are so far, not final
        make_date(rows.school_year + 1, 8, 31) <= (select as_of from run_params) as is_complete,
        cast(coalesce(moves.rotated_in, 0) as integer) as rotated_in,
        cast(coalesce(moves.rotated_out, 0) as integer) as rotated_out,
        'ROT-RATIO' as rule_id,
    from (select * from per_school union all select * from county) as rows
    left join moves_with_county as moves on moves.school_year = rows.school_year and moves.school_id = rows.school_id
),

explained as (
    select
        *,
        backbone_share >= backbone_target as backbone_met,
        rotated_leaders / nullif(eligible_leaders, 0) >= leader_target as leader_met,
        school_year || '学年应交流' || eligible || '人，实际交流' || rotated || '人'
            || case when eligible > 0 then '，比例' || percent_text(ratio) || '（' || case when met then '≥' else '<' end
                || percent_text(target) || '），' || case when met then '达标' else '未达标' end
                else '，无应交流人员' end
            || case when is_complete then '' else '（学年未结束，截至统计日）' end || '（ROT-RATIO）' as explanation,
    from final
    order by school_id = 'ALL' desc, school_id, school_year
)

select * from explained
