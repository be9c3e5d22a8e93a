-- grain: one row per outlook school year (the years after the as-of date's round, digest §7) ×
-- school, plus the county (school_id 'ALL', the sum of the schools). Nobody moves, nobody is
-- hired: everyone stays where the as-of records put them, and counts in year Y while, at Y's
-- start (Y-09-01), not yet retired (§6) and, for a middle cadre, not yet at the cadre exit age
-- (EXIT-MC-AGE). An exit "in year Y" takes effect after Y's start and by Y+1's
-- (Y-09-01 < day ≤ (Y+1)-09-01): counted in Y, gone from Y+1. So a retirement on 1 September
-- belongs to the school year that ended the day before, whose successor must replace the person.
with params as (select * from run_params),
evaluations as (select * from int_evaluation_dates where outlook_year is not null),
eligibility as (select * from int_rotation_eligibility where outlook_year is not null),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
cadres as (select * from cadre_tenure),
retirement as (select * from int_retirement_dates),
cadre_age as (select * from int_cadre_exit_tests where exit_type = 'cadre_age'),
terms as (select * from int_cadre_terms),
staff as (select * from stg_staff),
schools as (select * from stg_schools),

years as (
    select outlook_year as school_year, evaluation_date,
        make_date(outlook_year, 9, 1) as year_starts_on,
        make_date(outlook_year + 1, 9, 1) as next_year_starts_on,
        cast(policy_number('YOUNG-CADRE', 'max_age', evaluation_date) as integer) as young_cadre_max_age,
    from evaluations
),

due as (
    -- ROT-T9 (teachers and middle cadres) and ROT-P3 (leaders) on Y's evaluation, not held
    select years.school_year, eligibility.school_id,
        count(*) filter (where eligibility.post_group <> 'leader') as teachers_due,
        count(*) filter (where eligibility.post_group = 'leader') as leaders_due,
    from eligibility
    inner join years on years.school_year = eligibility.outlook_year
    where eligibility.is_due and coalesce(eligibility.retirement_date > years.year_starts_on, true)
    group by all
),

staff_years as (
    select years.school_year, people.school_id,
        count(*) filter (where retirement.retirement_date > years.year_starts_on
            and retirement.retirement_date <= years.next_year_starts_on) as retirements,
        count(*) filter (where people.is_backbone and coalesce(retirement.retirement_date > years.year_starts_on, true)) as backbone,
    from people
    cross join years
    left join retirement on retirement.staff_id = people.staff_id
    group by all
),

cadre_years as (
    -- each cadre (highest cadre post on the as-of date, as on 干部结构) in each year, with the
    -- exit age read from int_cadre_exit_tests (the rule is not derived twice)
    select years.*, cadres.staff_id, cadres.school_id, staff.birth_date, retirement.retirement_date,
        cadre_age.due_date as cadre_exit_date,
        coalesce(retirement.retirement_date > years.year_starts_on, true)
            and coalesce(cadre_age.due_date > years.year_starts_on, true) as is_cadre,
    from cadres
    cross join years
    inner join staff on staff.staff_id = cadres.staff_id
    left join retirement on retirement.staff_id = cadres.staff_id
    left join cadre_age on cadre_age.staff_id = cadres.staff_id
),

cadre_counts as (
    select school_year, school_id,
        count(*) filter (where is_cadre) as cadres,
        -- 40周岁以下 includes 40 (YOUNG-CADRE, digest §0), age on Y-08-31
        count(*) filter (where is_cadre and age_on(birth_date, evaluation_date) <= young_cadre_max_age) as cadres_40_or_under,
        -- unless retirement comes first
        count(*) filter (where is_cadre and cadre_exit_date <= next_year_starts_on
            and coalesce(cadre_exit_date < retirement_date, true)) as cadre_age_exits,
    from cadre_years
    group by all
),

term_ends as (
    -- EXIT-TERM: nobody moves, so each spell runs on and a term ends every term length from its
    -- start; counted while the cadre is still in post on that day
    select cadre_years.school_year, future_terms.school_id, count(*) as term_ends,
    from (
        select terms.*, cast(terms.spell_start + to_months(term_k * terms.term_months) as date) - 1 as future_term_end,
        from terms
        cross join params
        cross join unnest(range(terms.term_number, terms.term_number + (params.outlook_years + 2) * 12 // terms.term_months + 1)) as ks(term_k)
        where terms.term_months is not null
    ) as future_terms
    inner join cadre_years on cadre_years.staff_id = future_terms.staff_id
    where cadre_years.is_cadre
        and future_terms.future_term_end > cadre_years.year_starts_on and future_terms.future_term_end <= cadre_years.next_year_starts_on
        and coalesce(future_terms.future_term_end < cadre_years.retirement_date, true)
        and coalesce(future_terms.future_term_end < cadre_years.cadre_exit_date, true)
    group by all
),

by_school as (
    select years.school_year, schools.school_id,
        coalesce(due.teachers_due, 0) as teachers_due, coalesce(due.leaders_due, 0) as leaders_due,
        coalesce(staff_years.retirements, 0) as retirements, coalesce(cadre_counts.cadre_age_exits, 0) as cadre_age_exits,
        coalesce(term_ends.term_ends, 0) as term_ends, coalesce(cadre_counts.cadres, 0) as cadres,
        coalesce(cadre_counts.cadres_40_or_under, 0) as cadres_40_or_under, coalesce(staff_years.backbone, 0) as backbone,
    from years
    cross join (select school_id from schools union select school_id from people) as schools
    left join due using (school_year, school_id)
    left join staff_years using (school_year, school_id)
    left join cadre_counts using (school_year, school_id)
    left join term_ends using (school_year, school_id)
),

with_county as (
    select * from by_school
    union all
    select school_year, 'ALL', sum(teachers_due), sum(leaders_due), sum(retirements), sum(cadre_age_exits),
        sum(term_ends), sum(cadres), sum(cadres_40_or_under), sum(backbone),
    from by_school
    group by school_year
),

final as (
    select
        with_county.school_year, with_county.school_id,
        cast(with_county.teachers_due as integer) as teachers_due, cast(with_county.leaders_due as integer) as leaders_due,
        cast(with_county.retirements as integer) as retirements, cast(with_county.cadre_age_exits as integer) as cadre_age_exits,
        cast(with_county.term_ends as integer) as term_ends, cast(with_county.cadres as integer) as cadres,
        cast(with_county.cadres_40_or_under as integer) as cadres_40_or_under, cast(with_county.backbone as integer) as backbone,
        with_county.cadres_40_or_under / nullif(with_county.cadres, 0) as share_40_or_under,
        years.young_cadre_max_age, years.year_starts_on, years.evaluation_date, params.as_of,
        -- every exit of the year falls within pending_exits' horizon, so it is listed there too
        years.next_year_starts_on <= params.horizon_end as on_pending_exits,
    from with_county
    inner join years using (school_year)
    cross join params
    order by with_county.school_year, with_county.school_id = 'ALL' desc, with_county.school_id
)

select * from final
