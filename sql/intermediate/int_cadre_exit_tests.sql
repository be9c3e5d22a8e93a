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
        -- shares as exact fractions: 低于60% and 超过30% are compared without rounding (digest §0)
        policy_numerator('EXIT-VOTES', 'min_approval_share', as_of) as approval_numerator,
        policy_denominator('EXIT-VOTES', 'min_approval_share', as_of) as approval_denominator,
        share_text('EXIT-VOTES', 'min_approval_share', as_of) as approval_text,
        policy_numerator('EXIT-VOTES', 'max_incompetent_share', as_of) as incompetent_numerator,
        policy_denominator('EXIT-VOTES', 'max_incompetent_share', as_of) as incompetent_denominator,
        share_text('EXIT-VOTES', 'max_incompetent_share', as_of) as incompetent_text,
        policy_numerator('APT-QUORUM', 'min_turnout', as_of) as turnout_numerator,
        policy_denominator('APT-QUORUM', 'min_turnout', as_of) as turnout_denominator,
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
        -- 满55周岁 includes the birthday itself: the exit falls on it
        cast(birth_date + to_years(cast(case when gender = 'M' then rules.exit_age_male else rules.exit_age_female end as integer)) as date) as exit_date,
    from cadres cross join rules
    where post_group = 'middle'
),

appraised as (
    -- appraisals of the years the current post was held on 31 December; older ones were acted
    -- on (or not) long ago, so only the policy's look-back window counts
    select cadres.*, appraisals.* exclude (staff_id), rules.*,
        appraisals.votes_excellent + appraisals.votes_competent as votes_approving,
        -- below 60 % of valid votes (低于: 60 % itself is not below)
        not share_at_least(appraisals.votes_excellent + appraisals.votes_competent, appraisals.votes_valid,
            rules.approval_numerator, rules.approval_denominator) as is_approval_below,
        -- above 30 % (超过: 30 % itself is not above)
        share_above(appraisals.votes_incompetent, appraisals.votes_valid, rules.incompetent_numerator, rules.incompetent_denominator) as is_incompetent_above,
        -- the evaluation counts only with enough of those expected taking part (APT-QUORUM: 2/3
        -- of 30 is 20, and 20 is enough)
        appraisals.votes_expected is null
            or coalesce(share_at_least(appraisals.votes_cast, appraisals.votes_expected, rules.turnout_numerator, rules.turnout_denominator), false) as has_quorum,
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
            appraisal_year || '年民主测评有效票' || votes_valid || '张，优秀和称职' || votes_approving || '张（'
                || percent_text(votes_approving / votes_valid) || case when is_approval_below then '<' else '≥' end || approval_text
                || '），不称职' || votes_incompetent || '张（' || percent_text(votes_incompetent / votes_valid)
                || case when is_incompetent_above then '>' else '≤' end || incompetent_text
                || '），可解聘（EXIT-VOTES）',
        from appraised
        where has_votes and has_quorum and appraisal_year >= first_vote_year and (is_approval_below or is_incompetent_above)
        qualify row_number() over (partition by staff_id order by appraisal_year desc) = 1
    )
)

select * from final
