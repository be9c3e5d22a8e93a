-- grain: one row per tenured teacher, middle cadre or school leader judged on the as-of date or for
-- the coming round (the first outlook year, the one the plan drafts): due, exempt, with the rule
-- and the numbers that decided it said in Chinese. rotation_due shows the as-of rows; the plan
-- cites the coming round's. Said once here so both read the same sentence.
with eligibility as (
    select * from int_rotation_eligibility
    where is_as_of or outlook_year = (select round_year_of(as_of) + 1 from run_params)
),
rules as (select * from int_rotation_rules),
params as (select * from run_params),

explained as (
    select
        eligibility.*,
        rules.* exclude (evaluation_id),
        case when base_rule_id = 'ROT-T9' then
            '在本校连续任教' || years_text(years_in_school) || '年'
            || '（' || case when years_in_school >= t9_years then '≥' else '<' end || number_text(t9_years) || '年'
            || case when away_years > 0 then '，已扣除支教等临时交流' || years_text(away_years) || '年' else '' end || '），'
            || gender_zh || '，' || age || '周岁（' || case when age <= t9_max_age then '≤' else '>' end || number_text(t9_max_age) || '周岁）'
        else
            '在本校连续任校级干部' || years_text(years_as_leader) || '年（' || case when years_as_leader >= p3_years then '≥' else '<' end
            || number_text(p3_years) || '年'
            -- the terms are the policy's years over the term length, said only when whole
            || case when p3_years / terms.term_years = round(p3_years / terms.term_years)
                then '，即满' || number_text(p3_years / terms.term_years) || '个聘期' else '' end
            || '），距法定退休（' || date_text(retirement_date) || '）还有'
            || years_text(years_to_retirement) || '年（' || case when years_to_retirement >= p3_margin_years then '≥' else '<' end
            || number_text(p3_margin_years) || '年）'
        end as numbers_text,
        case hold_rule_id
            when 'ROT-EXEMPT' then '持有效暂缓交流（' || exemption_reason_zh || '，' || date_text(exemption_start) || '至'
                || date_text(exemption_until)
                || case when is_cut_to_maximum then '，已按最长' || number_text(exemption_max_years) || '年截止' else '' end || '）'
            when 'ROT-EXEMPT-RET' then '距法定退休不满' || number_text(ret_years) || '年'
            when 'ROT-DEFER' then case when other_schools_served >= defer_other_schools
                    then '已在' || other_schools_served || '所其他学校各工作满' || number_text(defer_years_each) || '年'
                    else '已在农村学校工作' || years_text(rural_years_served) || '年（≥' || number_text(defer_rural_years) || '年）' end
                || '，在本校未满' || number_text(defer_unless_years) || '年'
        end as hold_text,
    from eligibility
    inner join rules using (evaluation_id)
    cross join params
    cross join lateral (select policy_number('APT-TERM', 'term_years', params.as_of) as term_years) as terms
),

final as (
    select
        is_as_of,
        outlook_year,
        staff_id,
        school_id,
        is_due as due,
        is_exempt as exempt,
        floor(years_in_school * 100) / 100 as years_in_school,
        age,
        gender,
        post,
        case when is_exempt then hold_rule_id else base_rule_id end as rule_id,
        numbers_text || case
            when is_exempt then '，本应交流，但' || hold_text || '，暂缓交流（' || hold_rule_id || '）'
            when is_due then '，应交流轮岗（' || base_rule_id || '）'
            else '，暂不需交流（' || base_rule_id || '）'
        end as explanation,
        base_rule_id as rotation_rule_id,
        -- ROT-BAR: another school may not receive them now (a failed appraisal in the last years)
        is_barred as barred,
        barred_failed_year as failed_appraisal_year,
        -- ROT-SERVE: the last day of service owed at the school they rotated into
        serving_until,
        post_group,
        is_backbone,
    from explained
)

select * from final
