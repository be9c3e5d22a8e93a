-- grain: one row per tenured person in post on the as-of date who may take a direct-hire post in
-- a hiring round instead of competing because statutory retirement is within the policy's years
-- (EXIT-RETIRE, 001 篇4: 距法定退休5年内, the fifth year included), retirement not yet reached.
-- For the 年度总结 page (counts per school); the same window is on pending_exits' retirement rows.
with params as (select * from run_params),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
retirement as (select * from int_retirement_dates),

final as (
    select
        people.staff_id, people.school_id, people.post, people.post_group,
        retirement.retirement_date, retirement.direct_hire_from,
        'EXIT-RETIRE' as rule_id,
        '应于' || date_text(retirement.retirement_date) || '法定退休，' || retirement.direct_hire_text as explanation,
    from people
    cross join params
    inner join retirement on retirement.staff_id = people.staff_id
    -- the all-staff hiring rounds are for 在编 staff (digest §5)
    where people.is_tenured
        and retirement.direct_hire_from <= params.as_of and params.as_of < retirement.retirement_date
    order by people.school_id, retirement.retirement_date, people.staff_id
)

select * from final
