-- grain: one row per person awaiting a post (待岗) on the as-of date: their highest post that day
-- is 待岗. Awaiting counts from the first day of the unbroken stretch of 待岗 records. Stages
-- (EXIT-AWAIT, 004 第3篇): within the first job_salary_years only the job salary is paid (待岗一年内
-- 只发职务工资); then a reduced job salary (the seed leaves the share blank); once
-- salary_stops_years have passed without a post the salary stops (待岗三年后还不能受聘者，停发其工资).
-- For the 待退出 and 年度总结 pages.
with params as (select * from run_params),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
stretches as (select * from int_merged_stretches where stretch_kind = 'awaiting_post'),

measured as (
    select people.staff_id, people.school_id, stretches.stretch_start as awaiting_since,
        decimal_years(stretches.stretch_start, params.as_of) as years_awaiting,
        policy_number('EXIT-AWAIT', 'job_salary_years', params.as_of) as job_salary_years,
        policy_number('EXIT-AWAIT', 'salary_stops_years', params.as_of) as salary_stops_years,
    from people
    cross join params
    inner join stretches
        on stretches.staff_id = people.staff_id
        and stretches.stretch_start <= params.as_of and stretches.stretch_end_or_open >= params.as_of
    where people.post = 'awaiting_post'
),

staged as (
    select *,
        case when years_awaiting < job_salary_years then 'job_salary_only'
            when years_awaiting < salary_stops_years then 'reduced_salary'
            else 'salary_stopped' end as stage,
        add_policy_years(awaiting_since, job_salary_years) as reduced_from,
        add_policy_years(awaiting_since, salary_stops_years) as salary_stops_on,
    from measured
),

final as (
    select
        staff_id, school_id, awaiting_since,
        floor(years_awaiting * 100) / 100 as years_awaiting,
        stage, reduced_from, salary_stops_on,
        'EXIT-AWAIT' as rule_id,
        '自' || date_text(awaiting_since) || '起待岗' || years_text(years_awaiting) || '年，' || case stage
            when 'job_salary_only' then '待岗' || number_text(job_salary_years) || '年内只发职务工资，' || date_text(salary_stops_on) || '仍未受聘则停发工资'
            when 'reduced_salary' then '已满' || number_text(job_salary_years) || '年，只发部分职务工资，' || date_text(salary_stops_on) || '仍未受聘则停发工资'
            else '已满' || number_text(salary_stops_years) || '年仍未受聘，自' || date_text(salary_stops_on) || '起停发工资' end
            || '（EXIT-AWAIT）' as explanation,
    from staged
    order by school_id, awaiting_since, staff_id
)

select * from final
