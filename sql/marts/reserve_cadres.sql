-- grain: one row per person in each school's reserve-cadre pool (后备干部, APT-RESERVE, 003) on the
-- as-of date: tenured staff in post whose highest post is a teaching or middle post, aged within
-- the policy's range (以28至45岁: both ends included), with at least the policy's years in the
-- school (五年以上: 5.0 counts) and as class teacher, grade or subject leader (三年以上, any
-- school, overlapping posts counted once). A teacher is a candidate for a middle post, a middle
-- cadre for a school-leader post. For the 干部结构 page: counts per school, names in bureau and
-- school builds only.
with params as (select * from run_params),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
years_in_school as (select * from int_years_in_school where is_as_of),
experience as (select * from int_merged_stretches where stretch_kind = 'leadership_experience'),

rules as (
    select
        policy_number('APT-RESERVE', 'min_age', as_of) as min_age,
        policy_number('APT-RESERVE', 'max_age', as_of) as max_age,
        policy_number('APT-RESERVE', 'years_in_school', as_of) as min_years_in_school,
        policy_number('APT-RESERVE', 'class_teacher_years', as_of) as min_experience_years,
    from params
),

experience_years as (
    -- years as class teacher or group leader up to the as-of date, each day once: a stretch held
    -- through its last day counts to the day after (2017-09-01 – 2020-08-31 is 3.0 years)
    select experience.staff_id,
        sum(decimal_years(experience.stretch_start, least(cast(experience.stretch_end_or_open + 1 as date), params.as_of))) as experience_years,
    from experience
    cross join params
    group by experience.staff_id
),

measured as (
    select
        people.staff_id, people.school_id, people.post, people.post_zh, people.post_group, people.gender, people.age,
        years_in_school.years_in_school,
        coalesce(experience_years.experience_years, 0) as experience_years,
        rules.*,
    from people
    cross join params
    cross join rules
    inner join years_in_school using (staff_id)
    left join experience_years using (staff_id)
    -- the pool is of staff who could take the next cadre post up: not school leaders already
    where people.is_tenured and people.post_group in ('teacher', 'middle')
),

final as (
    select
        staff_id, school_id, post, post_group,
        case when post_group = 'middle' then 'leader' else 'middle' end as candidate_for,
        gender, cast(age as integer) as age,
        floor(years_in_school * 100) / 100 as years_in_school,
        floor(experience_years * 100) / 100 as experience_years,
        'APT-RESERVE' as rule_id,
        post_zh || '，' || age || '周岁（' || number_text(min_age) || '–' || number_text(max_age) || '周岁），在本校' || years_text(years_in_school)
            || '年（≥' || number_text(min_years_in_school) || '年），班主任或组长经历' || years_text(experience_years) || '年（≥'
            || number_text(min_experience_years) || '年），符合后备干部条件（APT-RESERVE）' as explanation,
    from measured
    where age between min_age and max_age
        and years_in_school >= min_years_in_school
        and experience_years >= min_experience_years
    order by school_id, post_group desc, staff_id
)

select * from final
