-- grain: one row per school × school year: the share of its eligible teachers the school must
-- send (ROT-RATIO: its tier's target, raised to the 城镇 target for urban and town schools), kept
-- as an exact fraction, the variant's group targets when ROT-RATIO-ALT is switched on, and whether
-- a target applies at all: not to a remote school, nor within a phase-in (ROT-REMOTE). The
-- outlook's years are here too: the plan drafts the first of them.
with school_years as (
    select school_year, eligibility_date from int_school_years
    union all
    select outlook_year, evaluation_date from int_evaluation_dates where outlook_year is not null
),
schools as (select * from stg_schools),
policy as (select * from policy_values where rule_id = 'ROT-RATIO'),

candidates as (
    -- the tier's target and, for urban and town schools, the 城镇 target, each as in force on Y-08-31
    select school_years.school_year, schools.school_id, policy.numerator, policy.denominator, policy.num_value,
    from school_years
    cross join schools
    inner join policy
        on (policy.key = 'target_' || schools.tier or (policy.key = 'target_urban_or_town' and schools.is_urban_or_town))
        and policy.valid_from <= school_years.eligibility_date and school_years.eligibility_date < policy.valid_to
),

chosen as (
    -- the higher of the two, compared as fractions
    select school_year, school_id, numerator as target_numerator, denominator as target_denominator, num_value as target,
    from candidates
    qualify row_number() over (partition by school_year, school_id order by numerator / denominator desc, numerator desc) = 1
),

final as (
    select
        school_years.school_year, schools.school_id, schools.is_remote, schools.phase_in_until,
        chosen.target_numerator, chosen.target_denominator, chosen.target,
        case when schools.is_remote then 'remote' when phase.is_phasing_in then 'phase_in' end as target_exception,
        not schools.is_remote and not coalesce(phase.is_phasing_in, false) as target_applies,
        policy_flag('ROT-RATIO-ALT', 'enabled', school_years.eligibility_date) as is_alt,
        policy_numerator('ROT-RATIO-ALT', 'backbone', school_years.eligibility_date) as alt_backbone_numerator,
        policy_denominator('ROT-RATIO-ALT', 'backbone', school_years.eligibility_date) as alt_backbone_denominator,
        policy_numerator('ROT-RATIO-ALT', 'ordinary', school_years.eligibility_date) as alt_ordinary_numerator,
        policy_denominator('ROT-RATIO-ALT', 'ordinary', school_years.eligibility_date) as alt_ordinary_denominator,
        policy_flag('ROT-RATIO', 'count_only_eligible', school_years.eligibility_date) as count_only_eligible,
    from school_years
    cross join schools
    left join chosen on chosen.school_year = school_years.school_year and chosen.school_id = schools.school_id
    -- a phase-in covers the policy's most school years, ending with phase_in_until (3—5年内)
    cross join lateral (
        select school_years.school_year <= schools.phase_in_until
            and school_years.school_year > schools.phase_in_until - policy_number('ROT-REMOTE', 'phase_in_max_years', school_years.eligibility_date)
            as is_phasing_in
    ) as phase
)

select * from final
