-- grain: one row per evaluation date × tenured teacher, middle cadre or school leader in post:
-- whether ROT-T9 (teachers, middle cadres) or ROT-P3 (leaders) makes them due, and whether a
-- valid exemption holds them back (ROT-EXEMPT). The as-of rows feed rotation_due; the school
-- years' eves feed rotation_compliance.
with people as (select * from int_people_on_dates),
years_in_school as (select * from int_years_in_school),
spells as (select * from int_cadre_spells where spell_kind = 'leader_group'),
retirement as (select * from int_retirement_dates),
exemptions as (select * from int_exemptions_valid),
dates as (select * from int_evaluation_dates),

rules as (
    -- the numbers in force on each evaluation date
    select
        evaluation_date,
        policy_number('ROT-T9', 'years_in_school', evaluation_date) as t9_years,
        policy_number('ROT-T9', 'max_age_male', evaluation_date) as t9_max_age_male,
        policy_number('ROT-T9', 'max_age_female', evaluation_date) as t9_max_age_female,
        policy_number('ROT-P3', 'years_in_post', evaluation_date) as p3_years,
        policy_number('ROT-P3', 'retirement_margin_years', evaluation_date) as p3_margin_years,
    from dates
),

candidates as (
    select
        people.evaluation_date, people.staff_id, people.school_id, people.post, people.post_zh,
        people.post_group, people.gender, people.gender_zh, people.age, people.is_backbone,
        years_in_school.years_in_school, years_in_school.away_years,
        -- ROT-P3's measures, for leaders only: millions of person-dates otherwise
        case when people.post_group = 'leader' then decimal_years(spells.spell_start, people.evaluation_date) end as years_as_leader,
        retirement.retirement_date,
        case when people.post_group = 'leader' then decimal_years(people.evaluation_date, retirement.retirement_date) end as years_to_retirement,
        case when people.gender = 'M' then rules.t9_max_age_male else rules.t9_max_age_female end as t9_max_age,
        rules.t9_years, rules.p3_years, rules.p3_margin_years,
    from people
    inner join rules using (evaluation_date)
    inner join years_in_school using (evaluation_date, staff_id)
    left join spells
        on spells.staff_id = people.staff_id and spells.school_id = people.school_id
        and spells.spell_start <= people.evaluation_date and spells.spell_end_or_open >= people.evaluation_date
    left join retirement on retirement.staff_id = people.staff_id
    -- rotation applies to 在编 teachers and cadres, not to support, service or awaiting staff
    where people.is_tenured and people.post_group in ('leader', 'middle', 'teacher')
),

judged as (
    select
        *,
        case when post_group = 'leader' then 'ROT-P3' else 'ROT-T9' end as base_rule_id,
        case when post_group = 'leader'
            -- three consecutive terms here, unless less than one term is left before retirement
            then years_as_leader >= p3_years and years_to_retirement >= p3_margin_years
            else years_in_school >= t9_years and age <= t9_max_age
        end as is_due_by_rule,
    from candidates
),

exemption_on_date as (
    -- the exemption that reaches furthest among those valid on each date; found for every
    -- exempted person rather than for the due rows alone, so `judged` is read once (a CTE read
    -- twice is materialised whole); exemptions are far fewer than judged rows
    select dates.evaluation_date, exemptions.staff_id,
        exemptions.reason_zh as exemption_reason_zh, exemptions.start_date as exemption_start,
        exemptions.valid_until as exemption_until, exemptions.is_cut_to_maximum, exemptions.max_years as exemption_max_years,
    from exemptions
    inner join dates
        on exemptions.start_date <= dates.evaluation_date and exemptions.valid_until >= dates.evaluation_date
    qualify row_number() over (partition by dates.evaluation_date, exemptions.staff_id order by exemptions.valid_until desc, exemptions.exemption_id) = 1
),

final as (
    -- an exemption only matters, and is only shown, where the rule makes the person due
    select
        judged.*,
        coalesce(judged.is_due_by_rule and exemption_on_date.exemption_reason_zh is not null, false) as is_exempt,
        judged.is_due_by_rule and exemption_on_date.exemption_reason_zh is null as is_due,
        case when judged.is_due_by_rule then exemption_on_date.exemption_reason_zh end as exemption_reason_zh,
        case when judged.is_due_by_rule then exemption_on_date.exemption_start end as exemption_start,
        case when judged.is_due_by_rule then exemption_on_date.exemption_until end as exemption_until,
        case when judged.is_due_by_rule then exemption_on_date.is_cut_to_maximum end as is_cut_to_maximum,
        case when judged.is_due_by_rule then exemption_on_date.exemption_max_years end as exemption_max_years,
    from judged
    left join exemption_on_date using (evaluation_date, staff_id)
)

select * from final
