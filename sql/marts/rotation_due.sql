-- grain: one row per tenured teacher, middle cadre or school leader in post on the as-of date:
-- due (must rotate now), exempt (would be due but holds a valid exemption), with the rule and
-- the numbers that decided it
with eligibility as (select * from int_rotation_eligibility where evaluation_date = (select as_of from run_params)),

explained as (
    select
        *,
        case when base_rule_id = 'ROT-T9' then
            '在本校连续任教' || years_text(years_in_school) || '年'
            || '（' || case when years_in_school >= t9_years then '≥' else '<' end || number_text(t9_years) || '年'
            || case when away_years > 0 then '，已扣除支教等临时交流' || years_text(away_years) || '年' else '' end || '），'
            || gender_zh || '，' || age || '周岁（' || case when age <= t9_max_age then '≤' else '>' end || number_text(t9_max_age) || '周岁）'
        else
            '在本校连续任校级干部' || years_text(years_as_leader) || '年（' || case when years_as_leader >= p3_years then '≥' else '<' end
            || number_text(p3_years) || '年，即满三个聘期），距法定退休（' || date_text(retirement_date) || '）还有'
            || years_text(years_to_retirement) || '年（' || case when years_to_retirement >= p3_margin_years then '≥' else '<' end
            || number_text(p3_margin_years) || '年）'
        end as numbers_text,
    from eligibility
),

final as (
    select
        staff_id,
        school_id,
        is_due as due,
        is_exempt as exempt,
        floor(years_in_school * 100) / 100 as years_in_school,
        age,
        gender,
        post,
        case when is_exempt then 'ROT-EXEMPT' else base_rule_id end as rule_id,
        numbers_text || case
            when is_exempt then '，本应交流，但持有效暂缓交流（' || exemption_reason_zh || '，' || date_text(exemption_start) || '至'
                || date_text(exemption_until)
                || case when is_cut_to_maximum then '，已按最长' || number_text(exemption_max_years) || '年截止' else '' end
                || '），暂缓交流（ROT-EXEMPT）'
            when is_due then '，应交流轮岗（' || base_rule_id || '）'
            else '，暂不需交流（' || base_rule_id || '）'
        end as explanation,
        base_rule_id as rotation_rule_id,
    from explained
    order by school_id, staff_id
)

select * from final
