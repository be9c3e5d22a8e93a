-- grain: one row per cadre appointment starting by the as-of date × appointment rule that
-- applies to it: age and degree for a first cadre post (APT-AGE-NEW for middle posts, APT-EDU),
-- age for a middle post taken by someone who held a cadre post before (APT-AGE-INCUMBENT),
-- teaching years (APT-YEARS), a year as deputy before heading an office (APT-DEPUTY-FIRST), and
-- the appraisals of the years before (APT-APPRAISAL). passed is empty when the records cannot tell.
-- Ages 以下 include the number: a woman aged exactly 40 passes APT-AGE-NEW (digest §0).
-- APT-PRINCIPAL: the principal's conditions (int_principal_conditions), one row per appointment
-- they apply to; must_rotate marks a principal re-appointed at the same school after the terms.
with appointments as (select * from int_cadre_appointments),
principal as (select * from int_principal_conditions),

checks as (
    select *, 'APT-AGE-NEW' as rule_id, age <= max_age as passed,
        '首次任中层干部，' || gender_zh || '，任职时' || age || '周岁（' || case when age <= max_age then '≤' else '>' end
            || number_text(max_age) || '周岁）' as finding
    from appointments where is_first_cadre_post and post_group = 'middle'
    union all
    select *, 'APT-AGE-INCUMBENT', age <= max_age_incumbent,
        '曾任干部，再任中层干部，' || gender_zh || '，任职时' || age || '周岁（' || case when age <= max_age_incumbent then '≤' else '>' end
            || number_text(max_age_incumbent) || '周岁）'
    from appointments where not is_first_cadre_post and post_group = 'middle'
    union all
    select *, 'APT-EDU', education_rank >= min_education_rank,
        '首次任干部，学历' || coalesce(education_zh, '未填') || case when education_rank is null then '，无法判断'
            when education_rank >= min_education_rank then '（不低于' || min_education_zh || '）' else '（低于' || min_education_zh || '）' end
    from appointments where is_first_cadre_post
    union all
    select *, 'APT-YEARS', teaching_years >= min_teaching_years,
        coalesce('任职时教龄' || years_text(teaching_years) || '年（' || case when teaching_years >= min_teaching_years then '≥' else '<' end
            || number_text(min_teaching_years) || '年）', '从教时间未填，无法判断')
            || '；班主任、年级组长或教研组长经历' || years_text(leadership_years) || '年（一般应≥' || number_text(min_leadership_years) || '年，仅供参考）'
    from appointments
    union all
    select *, 'APT-DEPUTY-FIRST', deputy_years >= min_deputy_years,
        '任中层正职前担任中层副职' || years_text(deputy_years) || '年（' || case when deputy_years >= min_deputy_years then '≥' else '<' end
            || number_text(min_deputy_years) || '年）'
    from appointments where is_middle_head
    union all
    select *, 'APT-APPRAISAL',
        case when not all_competent_or_better then false when appraisal_years_found >= appraisal_years then true end,
        '任职前' || number_text(appraisal_years) || '年考核：' || coalesce(grades_text, '无记录')
            || case when not all_competent_or_better then '，有称职以下等次'
                when appraisal_years_found >= appraisal_years then '，均为称职及以上'
                else '，记录不全，无法判断' end
    from appointments
    union all
    select appointments.*, 'APT-PRINCIPAL', principal.passed, principal.finding
    from appointments
    inner join principal on principal.staff_id = appointments.staff_id and principal.school_id = appointments.school_id
        and principal.post = appointments.post and principal.department = appointments.department
        and principal.start_date = appointments.start_date
),

final as (
    select checks.staff_id, checks.school_id, checks.post, nullif(checks.department, '') as department, checks.start_date, checks.rule_id, checks.passed,
        checks.finding || '，' || case when checks.passed then '符合' when not checks.passed then '不符合' else '待核实' end || '（' || checks.rule_id || '）' as explanation,
        case when checks.rule_id = 'APT-PRINCIPAL' then principal.must_rotate end as must_rotate,
    from checks
    -- joined on the appointment alone (principal is unique on it): with the rule in the join's
    -- condition DuckDB compares every check with every principal row, hours at a province's size
    left join principal on principal.staff_id = checks.staff_id and principal.school_id = checks.school_id
        and principal.post = checks.post and principal.department = checks.department and principal.start_date = checks.start_date
    order by checks.school_id, checks.staff_id, checks.start_date, checks.post, checks.department, checks.rule_id
)

select * from final
