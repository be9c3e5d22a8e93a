-- grain: one row per cadre appointment APT-PRINCIPAL applies to: every principal appointment,
-- and vice principals and office heads when the policy says their conditions follow the
-- principal's (原则上要达到校长上岗同等条件, 004 第3篇). Each condition is measured on the start date
-- against the values in force then for the school's level; a condition the records cannot
-- answer is empty. A principal still in the post at the same school after `rotate_after_terms`
-- full terms (the first record's 聘期, else APT-TERM's) was appointed again there: must_rotate.
with params as (select * from run_params),
appointments as (select * from int_cadre_appointments),
spells as (select * from int_cadre_spells where spell_kind = 'post'),
records as (select * from stg_appointments where is_cadre_post),
schools as (select * from stg_schools),
staff as (select * from stg_staff),
education as (select * from ref_education),
titles as (select * from ref_titles),
levels as (select * from ref_levels),

covered as (
    select appointments.*, schools.level, levels.level_zh,
    from appointments
    inner join schools on schools.school_id = appointments.school_id
    left join levels on levels.level = schools.level
    where appointments.principal_conditions = 'always'
        or (appointments.principal_conditions = 'when_switched' and policy_flag('APT-PRINCIPAL', 'deputies_follow', appointments.start_date))
),

first_terms as (
    -- the 聘期 of the spell's first record (renewals are merged into the spell)
    select spells.staff_id, spells.school_id, spells.post, spells.department, spells.spell_start, spells.spell_end_or_open,
        arg_min(records.term_years, records.start_date) as first_term_years,
    from spells
    inner join records on records.staff_id = spells.staff_id and records.school_id = spells.school_id
        and records.post = spells.post and records.department = spells.department
        and records.start_date between spells.spell_start and spells.spell_end_or_open
    group by spells.staff_id, spells.school_id, spells.post, spells.department, spells.spell_start, spells.spell_end_or_open
),

terms_held as (
    -- how long the spell ran by the as-of date, and the day its incumbent had served the terms
    select first_terms.*,
        least(first_terms.spell_end_or_open, params.as_of) as held_to,
        cast(first_terms.spell_start + to_months(cast(round(policy_number('APT-PRINCIPAL', 'rotate_after_terms', first_terms.spell_start)
            * coalesce(first_terms.first_term_years, policy_number('APT-TERM', 'term_years', first_terms.spell_start)) * 12) as integer)) as date) as terms_served_on,
    from first_terms
    cross join params
),

measured as (
    select covered.staff_id, covered.school_id, covered.post, covered.department, covered.start_date,
        covered.post_zh, coalesce(covered.level_zh, covered.level) as level_zh, covered.teaching_years, covered.age,
        covered.education_zh, covered.education_rank, min_education.education_rank as min_education_rank, min_education.education_zh as min_education_zh,
        staff_titles.title_zh, staff_titles.title_rank, min_title.title_rank as min_title_rank, min_title.title_zh as min_title_zh,
        policy_number('APT-PRINCIPAL', 'teaching_years', covered.start_date) as min_teaching_years,
        policy_number('APT-PRINCIPAL', 'max_age', covered.start_date) as max_age,
        policy_number('APT-PRINCIPAL', 'rotate_after_terms', covered.start_date) as rotate_after_terms,
        covered.principal_conditions = 'always' and terms_held.held_to >= terms_held.terms_served_on as must_rotate,
        terms_held.terms_served_on,
    from covered
    inner join staff on staff.staff_id = covered.staff_id
    left join titles as staff_titles on staff_titles.title = staff.title
    left join education as min_education on min_education.education = policy_text('APT-PRINCIPAL', 'min_education' || '.' || covered.level, covered.start_date)
    left join titles as min_title on min_title.title = policy_text('APT-PRINCIPAL', 'min_title' || '.' || covered.level, covered.start_date)
    left join terms_held on terms_held.staff_id = covered.staff_id and terms_held.school_id = covered.school_id
        and terms_held.post = covered.post and terms_held.department = covered.department and terms_held.spell_start = covered.start_date
),

final as (
    select staff_id, school_id, post, department, start_date, must_rotate,
        -- every condition must hold; one that fails decides, else an unknown one leaves it open
        teaching_years >= min_teaching_years and education_rank >= min_education_rank and title_rank >= min_title_rank
            and age <= max_age and not must_rotate as passed,
        post_zh || '任职条件（' || level_zh || '）：'
            || coalesce('任职时教龄' || years_text(teaching_years) || '年（' || case when teaching_years >= min_teaching_years then '≥' else '<' end
                || number_text(min_teaching_years) || '年）', '从教时间未填，教龄无法判断')
            || '；学历' || coalesce(education_zh || case when education_rank >= min_education_rank then '（不低于' else '（低于' end || min_education_zh || '）', '未填，无法判断')
            || '；职称' || coalesce(title_zh || case when title_rank >= min_title_rank then '（不低于' else '（低于' end || min_title_zh || '）', '未填，无法判断')
            || '；任职时' || age || '周岁（' || case when age <= max_age then '≤' else '>' end || number_text(max_age) || '周岁）'
            || case when must_rotate then '；自' || date_text(start_date) || '起在本校连续任' || post_zh || '，' || date_text(cast(terms_served_on - 1 as date))
                || '任满' || number_text(rotate_after_terms) || '个聘期后仍在本校续任，再次竞聘须交流' else '' end as finding,
    from measured
)

select * from final
