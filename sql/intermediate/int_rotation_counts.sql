-- grain: one row per school × school year, with its target (int_rotation_targets) and what
-- rotation_compliance judges: the teachers eligible on the round's eve (school leaders apart:
-- ROT-LEAD15), the teachers the school sent in the round, eligible or not (ROT-RATIO, ROT-YEAR),
-- the backbone teachers among them (ROT-BACKBONE), the barred people it received (ROT-BAR), the
-- people who left it too early (ROT-SERVE), and everyone who rotated in or out
with school_years as (select * from int_school_years),
targets as (select * from int_rotation_targets),
eligibility as (select * from int_rotation_eligibility where school_year is not null and is_due),
moves as (select * from int_rotation_moves),
service as (select * from int_rotation_service where is_left_early),

eligible as (
    select school_year, school_id,
        count(*) filter (where post_group <> 'leader') as eligible,
        count(*) filter (where post_group <> 'leader' and is_backbone) as eligible_backbone,
        count(*) filter (where post_group = 'leader') as eligible_leaders,
    from eligibility
    group by all
),

sent_and_received as (
    -- teachers are tenured staff who are not school leaders (middle cadres count with them);
    -- with count_only_eligible only the eligible ones count as rotated
    select moves.school_year, moves.school_id,
        count(*) filter (where moves.direction = 'out' and moves.is_tenured and not moves.is_leader
            and (moves.was_eligible or not targets.count_only_eligible)) as rotated,
        count(*) filter (where moves.direction = 'out' and moves.is_tenured and not moves.is_leader and moves.was_eligible) as rotated_eligible,
        count(*) filter (where moves.direction = 'out' and moves.is_tenured and not moves.is_leader and moves.is_backbone
            and (moves.was_eligible or not targets.count_only_eligible)) as backbone_rotated,
        count(*) filter (where moves.direction = 'out' and moves.is_tenured and moves.is_leader) as rotated_leaders,
        count(*) filter (where moves.direction = 'in' and moves.is_barred) as received_barred,
        count(*) filter (where moves.direction = 'in') as rotated_in,
        count(*) filter (where moves.direction = 'out') as rotated_out,
    from moves
    inner join targets using (school_year, school_id)
    group by all
),

left_early as (
    select left_school_year as school_year, to_school_id as school_id, count(distinct staff_id) as left_early
    from service
    group by all
),

final as (
    select targets.*, school_years.round_opens_on, school_years.round_ends_on, school_years.records_date, school_years.eligibility_date,
        coalesce(eligible.eligible, 0) as eligible, coalesce(eligible.eligible_backbone, 0) as eligible_backbone,
        coalesce(eligible.eligible_leaders, 0) as eligible_leaders,
        coalesce(sent_and_received.rotated, 0) as rotated, coalesce(sent_and_received.rotated_eligible, 0) as rotated_eligible,
        coalesce(sent_and_received.backbone_rotated, 0) as backbone_rotated,
        coalesce(sent_and_received.rotated_leaders, 0) as rotated_leaders,
        coalesce(sent_and_received.received_barred, 0) as received_barred,
        coalesce(left_early.left_early, 0) as left_early,
        coalesce(sent_and_received.rotated_in, 0) as rotated_in, coalesce(sent_and_received.rotated_out, 0) as rotated_out,
    from targets
    inner join school_years using (school_year)
    left join eligible using (school_year, school_id)
    left join sent_and_received using (school_year, school_id)
    left join left_early using (school_year, school_id)
)

select * from final
