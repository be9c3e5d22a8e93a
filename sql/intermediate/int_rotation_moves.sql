-- grain: one row per school year × school × person × direction: 'out', sent to another school in
-- the year's round; 'in', received from another (any type but 校内轮岗; a person moved twice in a
-- round counts once), with what the round's rules ask about them: a tenured school leader or not
-- (ROT-RATIO counts teachers, ROT-LEAD15 leaders), eligible for the year at the sending school,
-- backbone (ROT-BACKBONE), barred from being received (ROT-BAR)
with rotations as (select * from stg_rotations where is_between_schools),
staff as (select * from stg_staff),
leader_posts as (select * from stg_appointments where post_group = 'leader'),
evaluations as (select * from int_evaluation_dates where school_year is not null),
eligibility as (select * from int_rotation_eligibility where school_year is not null),
bars as (select * from int_rotation_bars),

moves as (
    select school_year, from_school_id as school_id, staff_id, 'out' as direction, start_date from rotations
    union all
    select school_year, to_school_id as school_id, staff_id, 'in' as direction, start_date from rotations
),

flagged as (
    select
        moves.school_year, moves.school_id, moves.staff_id, moves.direction,
        -- a school leader is one who held a leader post at the sending school the day before
        exists (
            select 1 from leader_posts
            where leader_posts.staff_id = moves.staff_id and leader_posts.school_id = moves.school_id
                and leader_posts.start_date < moves.start_date and leader_posts.end_date_or_open >= moves.start_date - 1
        ) and moves.direction = 'out' as is_leader,
    from moves
),

final as (
    select
        flagged.school_year, flagged.school_id, flagged.staff_id, flagged.direction,
        coalesce(any_value(staff.is_tenured), false) as is_tenured,
        coalesce(any_value(staff.is_backbone), false) as is_backbone,
        bool_or(flagged.is_leader) as is_leader,
        -- eligible for the year at the school that sent them (judged on the round's eve)
        coalesce(bool_or(eligibility.is_due), false) and flagged.direction = 'out' as was_eligible,
        bool_or(bars.staff_id is not null) as is_barred,
    from flagged
    inner join evaluations on evaluations.school_year = flagged.school_year
    left join staff on staff.staff_id = flagged.staff_id
    left join eligibility
        on eligibility.school_year = flagged.school_year and eligibility.staff_id = flagged.staff_id
        and eligibility.school_id = flagged.school_id
    left join bars on bars.evaluation_id = evaluations.evaluation_id and bars.staff_id = flagged.staff_id
    group by flagged.school_year, flagged.school_id, flagged.staff_id, flagged.direction
)

select * from final
