-- grain: one row per cadre × appraisal year: the leader or middle post held on 31 December of
-- the year, the multiplier the policy gives that post and grade (PAY-MULT, in force that day)
-- against the one payroll applied
with appraisals as (select * from stg_appraisals),
appointments as (select * from stg_appointments where is_cadre_post),
multipliers as (select * from stg_policy_multipliers),

post_on_year_end as (
    select appraisals.*, make_date(appraisals.appraisal_year, 12, 31) as year_end_date,
        appointments.school_id, appointments.post, appointments.post_zh,
    from appraisals
    inner join appointments
        on appointments.staff_id = appraisals.staff_id
        and appointments.start_date <= make_date(appraisals.appraisal_year, 12, 31)
        and appointments.end_date_or_open >= make_date(appraisals.appraisal_year, 12, 31)
    qualify row_number() over (partition by appraisals.staff_id, appraisals.appraisal_year
        order by appointments.post_rank, appointments.start_date, appointments.appointment_id) = 1
),

priced as (
    select post_on_year_end.*, multipliers.multiplier as policy_multiplier
    from post_on_year_end
    left join multipliers
        on multipliers.post = post_on_year_end.post and multipliers.grade = post_on_year_end.grade
        and multipliers.valid_from <= post_on_year_end.year_end_date and post_on_year_end.year_end_date < multipliers.valid_to
),

final as (
    select
        staff_id, school_id, appraisal_year as year, post, grade, policy_multiplier, applied_multiplier,
        -- payroll keeps two decimals at most: a difference below a thousandth is rounding
        case when applied_multiplier is not null then abs(applied_multiplier - policy_multiplier) > 0.0005 end as mismatch,
        round(base_allowance * policy_multiplier, 2) as allowance,
        base_allowance,
        'PAY-MULT' as rule_id,
        appraisal_year || '年12月31日任' || post_zh || '，年度考核' || grade_zh || '，政策系数' || number_text(policy_multiplier)
            || case when applied_multiplier is null then '，工资单未填系数'
                when abs(applied_multiplier - policy_multiplier) > 0.0005 then '，工资单用' || number_text(applied_multiplier) || '，不一致'
                else '，工资单一致' end
            || case when base_allowance is not null then '，津贴 = ' || number_text(base_allowance) || ' × ' || number_text(policy_multiplier)
                || ' = ' || number_text(round(base_allowance * policy_multiplier, 2)) || '元/月' else '' end
            || '（PAY-MULT）' as explanation,
    from priced
    order by school_id, staff_id, year
)

select * from final
