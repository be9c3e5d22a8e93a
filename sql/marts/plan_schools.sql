-- grain: one row per school for the coming round (the school year the plan drafts): its stage,
-- tier and district (PLAN-LEVEL, PLAN-NO-REVERSE, the district preference), the teachers it must
-- send (PLAN-RATIO: ⌈target × eligible⌉, none when remote or phasing in, ROT-REMOTE), the leaders
-- eligible (PLAN-RATIO's county share, ROT-LEAD15), and the places it has beyond those it sends
-- (PLAN-QUOTA: staff_quota − headcount; no quota, no places).
with params as (select * from run_params),
plan_year as (select round_year_of(as_of) + 1 as school_year from params),
schools as (select * from stg_schools),
targets as (select * from int_rotation_targets where school_year = (select school_year from plan_year)),
people as (select * from plan_people),
on_roll as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),

eligible as (
    select school_id,
        count(*) filter (where due and post_group <> 'leader') as eligible_teachers,
        count(*) filter (where due and post_group = 'leader') as eligible_leaders,
    from people
    group by school_id
),

headcount as (
    -- 在编 staff on the roll (the quota counts them), whatever their post
    select school_id, count(*) as headcount
    from on_roll
    where is_tenured
    group by school_id
),

final as (
    select
        (select school_year from plan_year) as school_year,
        schools.school_id,
        schools.school_name,
        schools.district,
        schools.level,
        schools.tier,
        schools.is_strong,
        schools.staff_quota,
        coalesce(headcount.headcount, 0) as headcount,
        case when schools.staff_quota is not null then greatest(schools.staff_quota - coalesce(headcount.headcount, 0), 0) end as free_places,
        coalesce(eligible.eligible_teachers, 0) as eligible_teachers,
        coalesce(eligible.eligible_leaders, 0) as eligible_leaders,
        targets.target_numerator,
        targets.target_denominator,
        targets.target_applies,
        targets.target_exception,
        -- at least: exact integer ceiling of numerator × eligible ÷ denominator
        case when targets.target_applies
            then cast((coalesce(eligible.eligible_teachers, 0) * targets.target_numerator + targets.target_denominator - 1) // targets.target_denominator as integer)
            else 0 end as required_sends,
    from schools
    left join targets using (school_id)
    left join eligible using (school_id)
    left join headcount using (school_id)
    order by schools.school_id
)

select * from final
