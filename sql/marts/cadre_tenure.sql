-- grain: one row per person holding a leader or middle post on the as-of date (their highest
-- such post), with years in the post and in the school, and whether the post should rotate:
-- ROT-P3 for leaders, ROT-MC6 for middle cadres unless ROT-MC-AGE holds them back; a cadre who
-- would be due but holds a valid exemption (or a switched-on hold) is exempt here as on
-- rotation_due (ROT-EXEMPT: the same hold, from int_rotation_eligibility)
with params as (select * from run_params),
appointments as (select * from stg_appointments),
staff as (select * from stg_staff),
spells as (select * from int_cadre_spells),
years_in_school as (select * from int_years_in_school where is_as_of),
eligibility as (
    select int_rotation_eligibility.*, int_rotation_rules.p3_years, int_rotation_rules.p3_margin_years
    from int_rotation_eligibility
    inner join int_rotation_rules using (evaluation_id)
    where int_rotation_eligibility.is_as_of
),

rules as (
    select
        policy_number('ROT-MC6', 'years_in_post', as_of) as mc6_years,
        policy_number('ROT-MC6', 'years_head_and_deputy', as_of) as mc6_office_years,
        policy_number('ROT-MC-AGE', 'exit_margin_years', as_of) as mc_margin_years,
        policy_number('EXIT-MC-AGE', 'age_male', as_of) as exit_age_male,
        policy_number('EXIT-MC-AGE', 'age_female', as_of) as exit_age_female,
    from params
),

cadres as (
    select appointments.staff_id, appointments.school_id, appointments.post, appointments.post_zh,
        appointments.post_group, appointments.department
    from appointments
    cross join params
    where appointments.is_cadre_post and appointments.start_date <= params.as_of and appointments.end_date_or_open >= params.as_of
    qualify row_number() over (partition by appointments.staff_id order by appointments.post_rank, appointments.start_date, appointments.appointment_id) = 1
),

measured as (
    select
        cadres.*, staff.gender, staff.birth_date, age_on(staff.birth_date, params.as_of) as age,
        post_spell.spell_start as post_start_date,
        decimal_years(post_spell.spell_start, params.as_of) as years_in_post,
        decimal_years(office_spell.spell_start, params.as_of) as years_in_office,
        years_in_school.years_in_school,
        cast(staff.birth_date + to_years(cast(case when staff.gender = 'M' then rules.exit_age_male
            else rules.exit_age_female end as integer)) as date) as cadre_exit_date,
        rules.*, params.as_of,
    from cadres
    cross join params
    cross join rules
    inner join staff on staff.staff_id = cadres.staff_id
    inner join spells as post_spell
        on post_spell.staff_id = cadres.staff_id and post_spell.school_id = cadres.school_id
        and post_spell.spell_kind = 'post' and post_spell.spell_key = cadres.post || '|' || cadres.department
        and post_spell.spell_start <= params.as_of and post_spell.spell_end_or_open >= params.as_of
    -- the middle-post test is part of the join key, not a separate ON condition: a condition on
    -- the left table alone makes DuckDB fall back to a nested-loop join (cadres × spells)
    left join (select * from spells where spell_kind = 'office') as office_spell
        on office_spell.staff_id = cadres.staff_id and office_spell.school_id = cadres.school_id
        and office_spell.spell_key = case when cadres.post_group = 'middle' then cadres.department end
        and office_spell.spell_start <= params.as_of and office_spell.spell_end_or_open >= params.as_of
    left join years_in_school on years_in_school.staff_id = cadres.staff_id
),

judged as (
    select
        measured.*,
        eligibility.is_due_by_rule as leader_due, eligibility.years_as_leader, eligibility.years_to_retirement,
        eligibility.p3_years, eligibility.p3_margin_years, eligibility.retirement_date,
        eligibility.hold_rule_id, eligibility.exemption_reason_zh, eligibility.exemption_until,
        -- 满6年 / 累计满9年: at least the policy's years
        (years_in_post >= mc6_years or coalesce(years_in_office, 0) >= mc6_office_years) as mc_long_in_post,
        -- 不足一个聘期: strictly less than the margin
        decimal_years(as_of, cadre_exit_date) < mc_margin_years as mc_near_exit,
    from measured
    left join eligibility on eligibility.staff_id = measured.staff_id
),

held as (
    select
        *,
        case when post_group = 'leader' then coalesce(leader_due, false) else mc_long_in_post and not mc_near_exit end as due_by_rule,
    from judged
),

final as (
    select
        staff_id, school_id, post, nullif(department, '') as department, age, gender,
        floor(years_in_post * 100) / 100 as years_in_post,
        floor(years_in_school * 100) / 100 as years_in_school,
        post_start_date,
        floor(years_in_office * 100) / 100 as years_in_office,
        due_by_rule and hold_rule_id is null as rotation_due,
        due_by_rule and hold_rule_id is not null as exempt,
        case when due_by_rule and hold_rule_id is not null then hold_rule_id
            when post_group = 'leader' then 'ROT-P3' when mc_long_in_post and mc_near_exit then 'ROT-MC-AGE' else 'ROT-MC6' end as rule_id,
        case when post_group = 'leader' then
            '在本校任校级干部' || years_text(years_as_leader) || '年（' || case when years_as_leader >= p3_years then '≥' else '<' end
            || number_text(p3_years) || '年），距法定退休（' || date_text(retirement_date) || '）' || years_text(years_to_retirement) || '年（'
            || case when years_to_retirement >= p3_margin_years then '≥' else '<' end || number_text(p3_margin_years) || '年），'
            || case when due_by_rule and hold_rule_id is not null then hold_text
                when leader_due then '应交流（ROT-P3）' else '不需交流（ROT-P3）' end
        else
            post_zh || (case when department <> '' then '（' || department || '）' else '' end) || '任现职' || years_text(years_in_post) || '年（'
            || case when years_in_post >= mc6_years then '≥' else '<' end || number_text(mc6_years) || '年），本处室正副职累计'
            || years_text(coalesce(years_in_office, years_in_post)) || '年（' || case when coalesce(years_in_office, 0) >= mc6_office_years then '≥' else '<' end
            || number_text(mc6_office_years) || '年），' || case
                when not mc_long_in_post then '暂不需轮岗（ROT-MC6）'
                when mc_near_exit then date_text(cadre_exit_date) || '到退出年龄，不足' || number_text(mc_margin_years) || '年，不再轮岗（ROT-MC-AGE）'
                when hold_rule_id is not null then hold_text
                else '应轮岗（ROT-MC6）' end
        end as explanation,
    from (
        select *,
            -- the hold, said as on rotation_due
            '本应' || case when post_group = 'leader' then '交流' else '轮岗' end || '，但' || case hold_rule_id
                when 'ROT-EXEMPT' then '持有效暂缓交流（' || exemption_reason_zh || '，至' || date_text(exemption_until) || '）'
                when 'ROT-EXEMPT-RET' then '临近法定退休'
                else '已在多所学校或农村学校任教' end || '，暂缓（' || hold_rule_id || '）' as hold_text,
        from held
    )
    order by school_id, post, staff_id
)

select * from final
