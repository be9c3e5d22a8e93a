-- grain: one row per cadre in post on the as-of date × exit test that fires: the middle-cadre
-- exit age (EXIT-MC-AGE), an incompetent appraisal in the current post (EXIT-APPRAISAL), or a
-- valid democratic evaluation below the line (EXIT-VOTES), within the policy's look-back years;
-- the latest year when several do
with params as (select * from run_params),
appointments as (select * from stg_appointments where is_cadre_post),
spells as (select * from int_cadre_spells where spell_kind = 'post'),
staff as (select * from stg_staff),
appraisals as (select * from stg_appraisals),

rules as (
    select
        policy_number('EXIT-MC-AGE', 'age_male', as_of) as exit_age_male,
        policy_number('EXIT-MC-AGE', 'age_female', as_of) as exit_age_female,
        policy_number('EXIT-VOTES', 'min_approval_share', as_of) as min_approval,
        policy_number('EXIT-VOTES', 'max_incompetent_share', as_of) as max_incompetent,
        policy_number('APT-QUORUM', 'min_turnout', as_of) as min_turnout,
        year(as_of) - policy_number('EXIT-APPRAISAL', 'lookback_years', as_of) as first_appraisal_year,
        year(as_of) - policy_number('EXIT-VOTES', 'lookback_years', as_of) as first_vote_year,
    from params
),

cadres as (
    select appointments.staff_id, appointments.school_id, appointments.post, appointments.post_zh,
        appointments.post_group, spells.spell_start, staff.gender, staff.gender_zh, staff.birth_date,
    from appointments
    cross join params
    inner join spells on spells.staff_id = appointments.staff_id and spells.school_id = appointments.school_id
        and spells.spell_key = appointments.post || '|' || appointments.department
        and spells.spell_start <= params.as_of and spells.spell_end_or_open >= params.as_of
    inner join staff on staff.staff_id = appointments.staff_id
    where appointments.start_date <= params.as_of and appointments.end_date_or_open >= params.as_of
    qualify row_number() over (partition by appointments.staff_id order by appointments.post_rank, appointments.start_date, appointments.appointment_id) = 1
),

exit_age as (
    select cadres.*,
        case when gender = 'M' then rules.exit_age_male else rules.exit_age_female end as exit_age,
        cast(birth_date + to_years(cast(case when gender = 'M' then rules.exit_age_male else rules.exit_age_female end as integer)) as date) as exit_date,
    from cadres cross join rules
    where post_group = 'middle'
),

appraised as (
    -- appraisals of the years the current post was held on 31 December; older ones were acted
    -- on (or not) long ago, so only the policy's look-back window counts
    select cadres.*, appraisals.* exclude (staff_id), rules.*,
        (appraisals.votes_excellent + appraisals.votes_competent) / nullif(appraisals.votes_valid, 0) as approval_share,
        appraisals.votes_incompetent / nullif(appraisals.votes_valid, 0) as incompetent_share,
        -- the evaluation counts only with enough of those expected taking part (APT-QUORUM)
        appraisals.votes_expected is null or appraisals.votes_cast / nullif(appraisals.votes_expected, 0) >= rules.min_turnout as has_quorum,
    from cadres
    cross join rules
    inner join appraisals on appraisals.staff_id = cadres.staff_id
        and cadres.spell_start <= make_date(appraisals.appraisal_year, 12, 31)
),

final as (
    select staff_id, school_id, post, 'cadre_age' as exit_type, exit_date as due_date, 'EXIT-MC-AGE' as rule_id,
        post_zh || '，' || gender_zh || '，' || date_text(birth_date) || '出生，' || date_text(exit_date) || '满' || number_text(exit_age)
            || '周岁，应退出中层干部岗位（EXIT-MC-AGE）' as explanation,
    from exit_age
    union all
    select * from (
        select staff_id, school_id, post, 'appraisal_dismissal', make_date(appraisal_year, 12, 31), 'EXIT-APPRAISAL',
            '任' || post_zh || '期间' || appraisal_year || '年度考核' || grade_zh || '，应解聘（EXIT-APPRAISAL）',
        from appraised
        where is_incompetent and appraisal_year >= first_appraisal_year
        qualify row_number() over (partition by staff_id order by appraisal_year desc) = 1
    )
    union all
    select * from (
        select staff_id, school_id, post, 'vote_dismissal', make_date(appraisal_year, 12, 31), 'EXIT-VOTES',
            appraisal_year || '年民主测评有效票' || votes_valid || '张，优秀和称职' || (votes_excellent + votes_competent) || '张（'
                || percent_text(approval_share) || case when approval_share < min_approval then '<' else '≥' end || percent_text(min_approval)
                || '），不称职' || votes_incompetent || '张（' || percent_text(incompetent_share)
                || case when incompetent_share > max_incompetent then '>' else '≤' end || percent_text(max_incompetent)
                || '），可解聘（EXIT-VOTES）',
        from appraised
        where has_votes and has_quorum and appraisal_year >= first_vote_year and (approval_share < min_approval or incompetent_share > max_incompetent)
        qualify row_number() over (partition by staff_id order by appraisal_year desc) = 1
    )
)

select * from final
