-- grain: one row per tenured teacher, middle cadre or school leader judged for the coming round
-- (the first outlook year, the school year the plan drafts): whether the plan may propose them
-- for a move to another school (PLAN-WHO: due by ROT-T9 or ROT-P3, not exempt, not still serving
-- a rotation, ROT-SERVE, not near the cadre exit age, ROT-MC-AGE), for a post rotation inside the school (ROT-MC6, unless ROT-MC-AGE),
-- whether another school may receive them (PLAN-BAR), and the office they hold (PLAN-HEAD-FIRST).
-- The plan's solver and its checker read this table; neither decides eligibility again.
with judged as (
    -- cadre_school_id: the school a cadre's post tenure is read at; empty for a teacher, so the
    -- join below is on keys alone (a condition on one side only makes DuckDB compare every pair)
    select *, case when post_group in ('middle', 'leader') then school_id end as cadre_school_id,
    from int_rotation_explained
    where outlook_year = (select round_year_of(as_of) + 1 from run_params)
),
tenure as (select * from cadre_tenure),
staff as (select * from stg_staff),
schools as (select * from stg_schools),

final as (
    select
        judged.outlook_year as school_year,
        judged.staff_id,
        judged.school_id,
        judged.post_group,
        judged.post,
        tenure.department,
        case when judged.post_group = 'middle' and tenure.department is not null then
            case judged.post when 'middle_head' then 'head' when 'middle_deputy' then 'deputy' end
        end as office_role,
        judged.is_backbone as backbone,
        staff.subject,
        judged.years_in_school,
        judged.age,
        judged.rotation_rule_id,
        judged.due,
        judged.exempt,
        judged.rule_id,
        judged.barred,
        judged.failed_appraisal_year,
        -- still owed service at the school a rotation brought them to, after this round opens
        judged.serving_until is not null as serving,
        judged.serving_until,
        -- PLAN-WHO: "none under ROT-MC-AGE" holds for a move to another school too
        judged.due and judged.serving_until is null and not coalesce(tenure.rule_id = 'ROT-MC-AGE', false) as may_move,
        coalesce(tenure.rotation_due and judged.post_group = 'middle' and tenure.rule_id = 'ROT-MC6', false) as post_rotation_due,
        coalesce(tenure.rule_id = 'ROT-MC-AGE', false) as near_cadre_exit,
        judged.explanation,
        tenure.explanation as post_explanation,
    from judged
    left join tenure on tenure.staff_id = judged.staff_id and tenure.school_id = judged.cadre_school_id
    left join staff on staff.staff_id = judged.staff_id
    order by judged.school_id, judged.staff_id
)

select * from final
