-- grain: one row per person in post on the as-of date × exit reason falling due by the end of
-- the horizon (default 36 months), overdue ones included: statutory retirement (EXIT-RETIRE, §6),
-- the middle-cadre exit age (EXIT-MC-AGE), the end of the cadre term running on the as-of date
-- (EXIT-TERM) or of the last term a middle post may be held (APT-TERM-MAX: term_limit), the end
-- of a new cadre's probation (APT-TERM), and dismissal after an appraisal (EXIT-APPRAISAL) or
-- votes (EXIT-VOTES). A dismissal a valid protection bars is listed as protected (EXIT-PROTECT);
-- a dismissal or term end carries the day written notice is due (EXIT-NOTICE). The trial year of
-- someone whose first record at the school came by 新进 or 调入 (APT-TRIAL) is listed from its
-- start until a trial year after its end, so the appraisal that decides it can be shown.
with params as (select * from run_params),
all_records as (select * from stg_appointments),
appraisals as (select * from stg_appraisals),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
retirement as (select * from int_retirement_dates),
cadre_records as (select * from stg_appointments where is_cadre_post),
terms as (select * from int_cadre_terms),
cadre_tests as (select * from int_cadre_exit_tests),
protection as (select * from int_dismissal_protection),
exit_types as (select * from ref_exit_types),

retirements as (
    select people.staff_id, people.school_id, people.post, 'retirement' as exit_type, retirement.retirement_date as due_date,
        'EXIT-RETIRE' as rule_id,
        people.gender_zh || '，' || strftime(people.birth_date, '%Y-%m') || '出生，法定退休年龄' || retirement.old_age_years || '周岁'
            || case when retirement.delay_months > 0 then '延迟' || retirement.delay_months || '个月' else '（不延迟）' end
            || '，' || case when retirement.retirement_date <= params.as_of then '已于' || date_text(retirement.retirement_date) || '到达法定退休时间，仍在岗'
                else '应于' || date_text(retirement.retirement_date) || '退休' end
            || '；' || retirement.direct_hire_text as explanation,
        retirement.direct_hire_from,
    from people
    cross join params
    inner join retirement on retirement.staff_id = people.staff_id
),

term_exits as (
    -- the earliest pending term exit of each person: the current term's end, or for a middle post
    -- in its last allowed term (or past it) the end of that last term
    select staff_id, school_id, post,
        case when is_in_last_term then 'term_limit' else 'term_end' end as exit_type,
        case when is_in_last_term then last_term_end else term_end end as due_date,
        case when is_in_last_term then 'APT-TERM-MAX' else 'EXIT-TERM' end as rule_id,
        post_zh || case when department <> '' then '（' || department || '）' else '' end || '自' || date_text(spell_start) || '起连续任职，聘期'
            || number_text(term_years_used) || '年，' || case when is_in_last_term
                then '第' || max_terms || '个聘期于' || date_text(last_term_end) || '届满，同一岗位任期不超过' || max_terms || '个聘期，不再续聘（APT-TERM-MAX）'
                else '现为第' || term_number || '个聘期（' || date_text(term_start) || '起），' || date_text(term_end) || '届满，须重新竞聘（EXIT-TERM）' end as explanation,
    from terms
    qualify row_number() over (partition by staff_id, is_in_last_term order by due_date, post_rank, appointment_id) = 1
),

records_in_force as (
    -- the cadre records held on the as-of date, and whether each is the person's first cadre post
    select cadre_records.*,
        not exists (select 1 from cadre_records as earlier
            where earlier.staff_id = cadre_records.staff_id and earlier.start_date < cadre_records.start_date) as is_first_cadre_post,
        add_policy_years(cadre_records.start_date, policy_number('APT-TERM', 'probation_years', cadre_records.start_date)) - 1 as default_probation_end,
    from cadre_records
    cross join params
    where cadre_records.start_date <= params.as_of and cadre_records.end_date_or_open >= params.as_of
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

first_at_school as (
    -- each person's first record at each school: the earliest start, ties to the lower record id
    select staff_id, school_id, arg_min(appointment_id, day_then_id(start_date, appointment_id)) as appointment_id
    from all_records
    group by staff_id, school_id
),

trials as (
    -- the first record of each person at each school starts a trial there when it came by
    -- 新进 or 调入; only the school they are still in post at is listed
    select first_records.staff_id, first_records.school_id, people.post, people.post_zh, first_records.method_zh,
        first_records.start_date as trial_start,
        policy_number('APT-TRIAL', 'trial_years', first_records.start_date) as trial_years,
        add_policy_years(first_records.start_date, policy_number('APT-TRIAL', 'trial_years', first_records.start_date)) - 1 as trial_end,
    from people
    inner join first_at_school on first_at_school.staff_id = people.staff_id and first_at_school.school_id = people.school_id
    inner join all_records as first_records on first_records.appointment_id = first_at_school.appointment_id
    where first_records.starts_trial
),

trial_appraisals as (
    -- appraisals of the years the trial ran in (a year's appraisal is known from the next 1 January)
    select trials.staff_id,
        bool_or(appraisals.is_competent_or_better) as has_competent,
        string_agg(appraisals.appraisal_year || '年' || appraisals.grade_zh, '、' order by appraisals.appraisal_year) as grades_text,
    from trials
    inner join appraisals on appraisals.staff_id = trials.staff_id
        and appraisals.appraisal_year between year(trials.trial_start) and year(trials.trial_end)
    group by trials.staff_id
),

trial_ends as (
    select trials.staff_id, trials.school_id, trials.post, 'trial_end' as exit_type, cast(trials.trial_end as date) as due_date,
        'APT-TRIAL' as rule_id,
        coalesce(trials.post_zh, '') || '，' || trials.method_zh || '到本校，' || date_text(trials.trial_start) || '起试岗' || number_text(trials.trial_years) || '年，'
            || date_text(cast(trials.trial_end as date)) || '期满' || case when trials.trial_end >= params.as_of then '，考核称职方可聘用'
                when trial_appraisals.has_competent then '；试岗期间考核' || trial_appraisals.grades_text || '，有称职及以上等次，可以聘用'
                else '；试岗期间' || coalesce('考核' || trial_appraisals.grades_text || '，', '') || '尚无称职及以上的考核记录，考核称职前不应正式聘用' end
            || '（APT-TRIAL）' as explanation,
        case when trials.trial_end < params.as_of then coalesce(trial_appraisals.has_competent, false) end as trial_competent,
    from trials
    cross join params
    left join trial_appraisals on trial_appraisals.staff_id = trials.staff_id
    -- a trial that ended more than a trial year ago was decided long since
    where add_policy_years(trials.trial_end, trials.trial_years) >= params.as_of
),

unioned as (
    select * from retirements
    union all select *, null from term_exits
    union all select *, null from probation_ends
    union all select staff_id, school_id, post, exit_type, due_date, rule_id, explanation, null from cadre_tests
    union all select staff_id, school_id, post, exit_type, due_date, rule_id, explanation, null from trial_ends
),

final as (
    select
        unioned.staff_id, unioned.school_id, unioned.post, unioned.exit_type, unioned.due_date, unioned.rule_id,
        unioned.explanation
            || case when exit_types.can_be_barred and protection.staff_id is not null
                then '；' || protection.reasons_text || '期间（至' || date_text(protection.protected_until) || '）学校不得解聘（EXIT-PROTECT）' else '' end
            || case when exit_types.needs_notice
                then '；须提前' || number_text(policy_number('EXIT-NOTICE', 'days', params.as_of)) || '日书面通知本人（EXIT-NOTICE）' else '' end as explanation,
        unioned.due_date < params.as_of as overdue,
        coalesce(exit_types.can_be_barred and protection.staff_id is not null, false) as protected,
        case when exit_types.can_be_barred then protection.protected_until end as protected_until,
        case when exit_types.needs_notice then cast(unioned.due_date - cast(policy_number('EXIT-NOTICE', 'days', params.as_of) as integer) as date) end as notify_by,
        unioned.direct_hire_from,
        trial_ends.trial_competent,
    from unioned
    cross join params
    inner join exit_types on exit_types.exit_type = unioned.exit_type
    left join protection on protection.staff_id = unioned.staff_id
    left join trial_ends on unioned.exit_type = 'trial_end' and trial_ends.staff_id = unioned.staff_id
    where unioned.due_date <= params.horizon_end
    order by unioned.due_date, unioned.staff_id, unioned.exit_type
)

select * from final
