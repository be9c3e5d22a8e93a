-- grain: one row per evaluation (int_evaluation_dates) × tenured teacher, middle cadre or school
-- leader in post on its records date (every one where is_everyone_judged, else those the rule
-- makes due): whether ROT-T9
-- (teachers, middle cadres) or ROT-P3 (leaders) makes them due, what holds them back (a valid
-- exemption, ROT-EXEMPT; near retirement, ROT-EXEMPT-RET; deferred, ROT-DEFER: the last two are
-- switches, off by default), whether another school may receive them (ROT-BAR) and the service
-- they still owe at a school they rotated into (ROT-SERVE). The as-of rows feed rotation_due and
-- cadre_tenure, the coming round's the plan; the other school years' and outlook years' due rows
-- feed rotation_compliance, the moves and the outlook.
with evaluations as (select * from int_evaluation_dates),
years_in_school as (select * from int_years_in_school),
appointments as not materialized (select * from stg_appointments),
staff as (
    -- the retirement date rides with the staff row: a join of its own on millions of rows was
    -- built on the wrong side
    select stg_staff.*, int_retirement_dates.retirement_date
    from stg_staff left join int_retirement_dates using (staff_id)
),
exemptions as (select * from int_exemptions_valid),
bars as (select * from int_rotation_bars),
service as (select * from int_rotation_service),
attachments as (select * from int_attachments_resolved),
schools as (select * from stg_schools),
rules as (select * from int_rotation_rules),

candidates as (
    select
        evaluations.evaluation_id, evaluations.records_date, evaluations.evaluation_date, evaluations.years_counted_to,
        evaluations.school_year, evaluations.outlook_year, evaluations.is_as_of, evaluations.is_everyone_judged,
        years_in_school.staff_id, years_in_school.school_id, appointments.post, appointments.post_zh, appointments.post_group,
        staff.gender, staff.gender_zh, age_on(staff.birth_date, evaluations.evaluation_date) as age, staff.is_backbone,
        years_in_school.years_in_school, years_in_school.away_years,
        -- ROT-P3's measures, for leaders only: millions of person-dates otherwise
        case when appointments.post_group = 'leader' then decimal_years(years_in_school.leader_spell_start, evaluations.years_counted_to) end as years_as_leader,
        staff.retirement_date,
        case when appointments.post_group = 'leader' or rules.ret_enabled
            then decimal_years(evaluations.years_counted_to, staff.retirement_date) end as years_to_retirement,
        case when staff.gender = 'M' then rules.t9_max_age_male else rules.t9_max_age_female end as t9_max_age,
        rules.* exclude (evaluation_id, t9_max_age_male, t9_max_age_female),
    from years_in_school
    inner join evaluations on evaluations.evaluation_id = years_in_school.evaluation_id
    inner join appointments on appointments.appointment_id = years_in_school.appointment_id
    inner join staff on staff.staff_id = years_in_school.staff_id
    inner join rules on rules.evaluation_id = evaluations.evaluation_id
    -- rotation applies to 在编 teachers and cadres, not to support, service or awaiting staff
    where staff.is_tenured and appointments.post_group in ('leader', 'middle', 'teacher')
),

ruled as (
    select
        *,
        case when post_group = 'leader' then 'ROT-P3' else 'ROT-T9' end as base_rule_id,
        case when post_group = 'leader'
            -- 满三届: three consecutive terms here, unless 不满一届 (less than one term) is left
            then years_as_leader >= p3_years and years_to_retirement >= p3_margin_years
            -- 满9年 and 55/50周岁及以下: both bounds included
            else years_in_school >= t9_years and age <= t9_max_age
        end as is_due_by_rule,
    from candidates
),

judged as (
    -- where only who is due is read (is_everyone_judged false), the people the rule does not make
    -- due are left out here, so the holds below are looked up for the others only
    select * exclude (is_everyone_judged) from ruled
    where is_everyone_judged or is_due_by_rule
),

exemption_on_date as (
    -- the exemption that reaches furthest among those valid on each evaluation date; found for
    -- every exempted person rather than for the due rows alone, so `judged` is read once (a CTE
    -- read twice is materialised whole); exemptions are far fewer than judged rows
    select evaluations.evaluation_id, exemptions.staff_id,
        exemptions.reason_zh as exemption_reason_zh, exemptions.start_date as exemption_start,
        exemptions.valid_until as exemption_until, exemptions.is_cut_to_maximum, exemptions.max_years as exemption_max_years,
    from exemptions
    inner join evaluations
        on exemptions.start_date <= evaluations.evaluation_date and exemptions.valid_until >= evaluations.evaluation_date
    qualify row_number() over (partition by evaluations.evaluation_id, exemptions.staff_id
        order by exemptions.valid_until desc, exemptions.exemption_id) = 1
),

deferral_schools as (
    -- ROT-DEFER, when switched on: the years already served in each other school, and whether it
    -- is rural, up to the records date (years_in_school is a table: reading it again is cheap)
    select years_in_school.evaluation_id, years_in_school.staff_id,
        attachments.school_id, any_value(schools.is_rural) as is_rural, any_value(rules.defer_years_each) as years_each,
        sum(decimal_years(attachments.attachment_start,
            least(cast(attachments.attachment_end_or_open + 1 as date), evaluations.records_date))) as years_there,
    from years_in_school
    inner join evaluations using (evaluation_id)
    inner join rules using (evaluation_id)
    inner join attachments
        on attachments.staff_id = years_in_school.staff_id and attachments.school_id <> years_in_school.school_id
        and attachments.attachment_start < evaluations.records_date
    left join schools on schools.school_id = attachments.school_id
    where rules.defer_enabled
    group by years_in_school.evaluation_id, years_in_school.staff_id, attachments.school_id
),

deferral as (
    -- 已有2所以上其他学校的工作经历且每所学校工作时间均达到3年及以上, or 在农村学校有6年及以上工作经历
    select evaluation_id, staff_id,
        count(*) filter (where years_there >= years_each) as other_schools_served,
        coalesce(sum(years_there) filter (where is_rural), 0) as rural_years_served,
    from deferral_schools
    group by evaluation_id, staff_id
),

serving as (
    -- ROT-SERVE: the last day of service still owed at the school the person rotated into, when
    -- it is not over by years_counted_to (the rotation plan does not propose them before it)
    select years_in_school.evaluation_id, years_in_school.staff_id, max(service.serve_until) as serving_until,
    from years_in_school
    inner join evaluations using (evaluation_id)
    inner join service
        on service.staff_id = years_in_school.staff_id and service.to_school_id = years_in_school.school_id
        and service.start_date <= evaluations.records_date
        and (service.left_on is null or service.left_on >= evaluations.records_date)
        and service.serve_until >= evaluations.years_counted_to
    group by all
),

held as (
    select
        judged.*,
        exemption_on_date.* exclude (evaluation_id, staff_id),
        deferral.other_schools_served, deferral.rural_years_served,
        schools.is_urban as is_urban_school,
        bars.failed_year as barred_failed_year, bars.bar_years,
        serving.serving_until,
        case
            when exemption_on_date.exemption_reason_zh is not null then 'ROT-EXEMPT'
            -- 距离退休年龄不满2年: strictly less than the policy's years (002 篇十)
            when judged.ret_enabled and judged.years_to_retirement < judged.ret_years then 'ROT-EXEMPT-RET'
            -- deferred unless already 满 the policy's years in this school (002 篇七)
            when judged.defer_enabled and judged.post_group <> 'leader'
                and (deferral.other_schools_served >= judged.defer_other_schools
                    or (schools.is_urban and deferral.rural_years_served >= judged.defer_rural_years))
                and judged.years_in_school < judged.defer_unless_years then 'ROT-DEFER'
        end as hold_rule_id,
    from judged
    left join exemption_on_date using (evaluation_id, staff_id)
    left join deferral using (evaluation_id, staff_id)
    left join schools on schools.school_id = judged.school_id
    left join bars using (evaluation_id, staff_id)
    left join serving using (evaluation_id, staff_id)
),

final as (
    -- a hold only matters where the rule makes the person due; cadre_tenure applies the same
    -- hold to the post rotation of middle cadres (ROT-MC6), so it is kept for everyone. The
    -- policy's numbers are one per evaluation: readers that cite them join int_rotation_rules,
    -- rather than this table carrying ten copies of them on each of millions of rows
    select
        * exclude (years_counted_to, t9_years, p3_years, p3_margin_years, ret_enabled, ret_years,
            defer_enabled, defer_other_schools, defer_years_each, defer_rural_years, defer_unless_years),
        coalesce(is_due_by_rule and hold_rule_id is not null, false) as is_exempt,
        coalesce(is_due_by_rule and hold_rule_id is null, false) as is_due,
        barred_failed_year is not null as is_barred,
    from held
)

select * from final
