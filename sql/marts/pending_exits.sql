-- grain: one row per person in post on the as-of date × exit reason falling due by the end of
-- the horizon (default 36 months), overdue ones included: statutory retirement (EXIT-RETIRE, §6),
-- the middle-cadre exit age (EXIT-MC-AGE), the end of a cadre term (EXIT-TERM), the end of a
-- new cadre's probation (APT-TERM), and dismissal after an appraisal (EXIT-APPRAISAL) or votes (EXIT-VOTES)
with params as (select * from run_params),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
retirement as (select * from int_retirement_dates),
cadre_records as (select * from stg_appointments where is_cadre_post),
cadre_tests as (select * from int_cadre_exit_tests),

retirements as (
    select people.staff_id, people.school_id, people.post, 'retirement' as exit_type, retirement.retirement_date as due_date,
        'EXIT-RETIRE' as rule_id,
        people.gender_zh || '，' || strftime(people.birth_date, '%Y-%m') || '出生，法定退休年龄' || retirement.old_age_years || '周岁'
            || case when retirement.delay_months > 0 then '延迟' || retirement.delay_months || '个月' else '（不延迟）' end
            || '，' || case when retirement.retirement_date <= params.as_of then '已于' || date_text(retirement.retirement_date) || '到达法定退休时间，仍在岗'
                else '应于' || date_text(retirement.retirement_date) || '退休' end || '（EXIT-RETIRE）' as explanation,
    from people
    cross join params
    inner join retirement on retirement.staff_id = people.staff_id
),

records_in_force as (
    -- the cadre records held on the as-of date, and whether each is the person's first cadre post
    select cadre_records.*,
        not exists (select 1 from cadre_records as earlier
            where earlier.staff_id = cadre_records.staff_id and earlier.start_date < cadre_records.start_date) as is_first_cadre_post,
        add_policy_years(cadre_records.start_date,
            coalesce(cadre_records.term_years, policy_number('APT-TERM', 'term_years', cadre_records.start_date))) - 1 as term_last_day,
        coalesce(cadre_records.term_years, policy_number('APT-TERM', 'term_years', cadre_records.start_date)) as term_years_used,
        add_policy_years(cadre_records.start_date, policy_number('APT-TERM', 'probation_years', cadre_records.start_date)) - 1 as default_probation_end,
    from cadre_records
    cross join params
    where cadre_records.start_date <= params.as_of and cadre_records.end_date_or_open >= params.as_of
),

term_ends as (
    select staff_id, school_id, post, 'term_end' as exit_type, cast(term_last_day as date) as due_date, 'EXIT-TERM' as rule_id,
        post_zh || '聘期自' || date_text(start_date) || '起' || number_text(term_years_used) || '年，'
            || date_text(cast(term_last_day as date)) || '届满，须重新竞聘（EXIT-TERM）' as explanation,
    from records_in_force
    qualify row_number() over (partition by staff_id order by term_last_day, post_rank, appointment_id) = 1
),

probation_ends as (
    select staff_id, school_id, post, 'probation_end' as exit_type,
        cast(coalesce(probation_end, default_probation_end) as date) as due_date, 'APT-TERM' as rule_id,
        '新任' || post_zh || '，' || date_text(start_date) || '起试用，' || date_text(cast(coalesce(probation_end, default_probation_end) as date))
            || '试用期满' || case when probation_end is null then '（按政策默认试用期推算）' else '' end
            || '，考核称职方可续任（APT-TERM）' as explanation,
    from records_in_force
    cross join params
    -- a probation already over was decided then; only ones still running are pending
    where (probation_end is not null or is_first_cadre_post)
        and coalesce(probation_end, default_probation_end) >= params.as_of
    qualify row_number() over (partition by staff_id order by coalesce(probation_end, default_probation_end), appointment_id) = 1
),

unioned as (
    select * from retirements
    union all select * from term_ends
    union all select * from probation_ends
    union all select staff_id, school_id, post, exit_type, due_date, rule_id, explanation from cadre_tests
),

final as (
    select unioned.*, unioned.due_date < params.as_of as overdue
    from unioned
    cross join params
    where unioned.due_date <= params.horizon_end
    order by unioned.due_date, unioned.staff_id, unioned.exit_type
)

select * from final
