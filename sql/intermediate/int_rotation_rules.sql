-- grain: one row per evaluation (int_evaluation_dates), with the rotation numbers in force on its
-- evaluation date: ROT-T9's years and age caps, ROT-P3's years and retirement margin, and the
-- ROT-EXEMPT-RET and ROT-DEFER switches with their numbers. Read by int_years_in_school (its
-- bounds) and int_rotation_eligibility (the decision), which must judge by the same numbers.
with evaluations as (select * from int_evaluation_dates),

final as (
    select
        evaluation_id,
        policy_number('ROT-T9', 'years_in_school', evaluation_date) as t9_years,
        policy_number('ROT-T9', 'max_age_male', evaluation_date) as t9_max_age_male,
        policy_number('ROT-T9', 'max_age_female', evaluation_date) as t9_max_age_female,
        policy_number('ROT-P3', 'years_in_post', evaluation_date) as p3_years,
        policy_number('ROT-P3', 'retirement_margin_years', evaluation_date) as p3_margin_years,
        policy_flag('ROT-EXEMPT-RET', 'enabled', evaluation_date) as ret_enabled,
        policy_number('ROT-EXEMPT-RET', 'years_to_retirement', evaluation_date) as ret_years,
        policy_flag('ROT-DEFER', 'enabled', evaluation_date) as defer_enabled,
        policy_number('ROT-DEFER', 'other_schools', evaluation_date) as defer_other_schools,
        policy_number('ROT-DEFER', 'years_each', evaluation_date) as defer_years_each,
        policy_number('ROT-DEFER', 'rural_years', evaluation_date) as defer_rural_years,
        policy_number('ROT-DEFER', 'unless_years_in_school', evaluation_date) as defer_unless_years,
    from evaluations
)

select * from final
