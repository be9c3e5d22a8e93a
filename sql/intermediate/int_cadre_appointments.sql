-- grain: one row per cadre appointment (an unbroken spell of one leader or middle post in one
-- office of one school; term-by-term renewals are one appointment) starting by the as-of date,
-- with what the appointment rules need measured on its start date and the policy in force then
with spells as (select * from int_cadre_spells where spell_kind = 'post'),
appointments as (select * from stg_appointments),
staff as (select * from stg_staff),
appraisals as (select * from stg_appraisals),
posts as (select * from ref_posts),
education as (select * from ref_education),

experience as (
    -- days before the appointment spent as middle deputy (APT-DEPUTY-FIRST) and as class teacher,
    -- grade or subject leader (APT-YEARS), and whether any cadre post came before it
    select spells.staff_id, spells.spell_start,
        sum(case when appointments.is_middle_deputy then least(appointments.end_date_or_open, spells.spell_start - 1) - appointments.start_date + 1 else 0 end) as deputy_days,
        sum(case when appointments.counts_as_leadership_experience then least(appointments.end_date_or_open, spells.spell_start - 1) - appointments.start_date + 1 else 0 end) as leadership_days,
        bool_or(appointments.is_cadre_post) as had_cadre_post,
    from spells
    inner join appointments on appointments.staff_id = spells.staff_id and appointments.start_date < spells.spell_start
    group by spells.staff_id, spells.spell_start
),

appraised as (
    -- the grades of the years before the appointment that APT-APPRAISAL looks at
    select spells.staff_id, spells.spell_start,
        count(appraisals.appraisal_year) as years_found,
        bool_and(appraisals.is_competent_or_better) as all_competent_or_better,
        string_agg(appraisals.appraisal_year || '年' || appraisals.grade_zh, '、' order by appraisals.appraisal_year) as grades_text,
    from spells
    inner join appraisals on appraisals.staff_id = spells.staff_id
        and appraisals.appraisal_year < year(spells.spell_start)
        and appraisals.appraisal_year >= year(spells.spell_start) - policy_number('APT-APPRAISAL', 'years', spells.spell_start)
    group by spells.staff_id, spells.spell_start
),

final as (
    select
        spells.staff_id, spells.school_id, spells.post, posts.post_zh, posts.post_group, posts.is_middle_head, posts.principal_conditions,
        spells.department, spells.spell_start as start_date,
        not coalesce(experience.had_cadre_post, false) as is_first_cadre_post,
        staff.gender, staff.gender_zh, age_on(staff.birth_date, spells.spell_start) as age,
        staff.education, staff.education_rank, staff.education_zh, staff.teaching_start,
        decimal_years(staff.teaching_start, spells.spell_start) as teaching_years,
        decimal_years(cast(spells.spell_start - cast(coalesce(experience.deputy_days, 0) as integer) as date), spells.spell_start) as deputy_years,
        decimal_years(cast(spells.spell_start - cast(coalesce(experience.leadership_days, 0) as integer) as date), spells.spell_start) as leadership_years,
        coalesce(appraised.years_found, 0) as appraisal_years_found, appraised.all_competent_or_better, appraised.grades_text,
        policy_number('APT-AGE-NEW', case when staff.gender = 'M' then 'max_age_male' else 'max_age_female' end, spells.spell_start) as max_age,
        -- a serving or former cadre competing again for a middle post (原来担任行政工作，继续竞聘)
        policy_number('APT-AGE-INCUMBENT', case when staff.gender = 'M' then 'max_age_male' else 'max_age_female' end, spells.spell_start) as max_age_incumbent,
        min_education.education_rank as min_education_rank,
        min_education.education as min_education,
        -- the degree as the policy names it, for the explanation (本科 by default)
        min_education.education_zh as min_education_zh,
        policy_number('APT-YEARS', 'teaching_years', spells.spell_start) as min_teaching_years,
        policy_number('APT-YEARS', 'class_teacher_years', spells.spell_start) as min_leadership_years,
        policy_number('APT-DEPUTY-FIRST', 'deputy_years', spells.spell_start) as min_deputy_years,
        policy_number('APT-APPRAISAL', 'years', spells.spell_start) as appraisal_years,
    from spells
    inner join posts on posts.post = spells.post
    inner join staff on staff.staff_id = spells.staff_id
    left join experience on experience.staff_id = spells.staff_id and experience.spell_start = spells.spell_start
    left join appraised on appraised.staff_id = spells.staff_id and appraised.spell_start = spells.spell_start
    left join education as min_education on min_education.education = policy_text('APT-EDU', 'min_education', spells.spell_start)
)

select * from final
