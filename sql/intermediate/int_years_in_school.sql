-- grain: one row per evaluation (int_evaluation_dates) × person in post on its records date, with
-- the years of continuous attachment to the school of their highest post, counted up to the
-- evaluation's years_counted_to on the records as they stood on the records date (contract:
-- Time, "years in the same school"; ROT-YEAR) and, for a leader, the start of their leader spell
-- there (ROT-P3's years are counted from it). Every person in post for the evaluations with
-- is_everyone_judged; for the others only tenured teachers, middle cadres and leaders whose
-- segment's bounds (int_post_segments: attachment start, a leader's spell start, birth and
-- retirement dates) leave ROT-T9 or ROT-P3 possible, which int_rotation_eligibility then decides.
with evaluations as (select * from int_evaluation_dates),
segments as (select * from int_post_segments),
staff as (select * from stg_staff),
spells as (select * from int_cadre_spells where spell_kind = 'leader_group'),
retirement as (select * from int_retirement_dates),
rotations as (select * from stg_rotations),
rules as (select * from int_rotation_rules),

bounds as (
    -- the latest attachment (or leader spell) start from which ROT-T9's (ROT-P3's) years can be
    -- reached by years_counted_to, the earliest birth date still within ROT-T9's age cap on the
    -- evaluation date, and the earliest retirement date ROT-P3's margin leaves due. decimal_years
    -- ≥ t needs at least 365·t − 1 days (a year has 365 or 366 days; a 29 February start loses at
    -- most one day to its anniversary), and a completed age of a + 1 at most 366·(a + 1) days: two
    -- days' slack each way only keeps a few more people to judge exactly, never drops one who is
    -- due. A policy number ≤ 0 (or none in force) bounds nothing.
    select
        evaluation_id,
        cast(years_counted_to - cast(ceil(365 * t9_years) as integer) + 2 as date) as t9_latest_start,
        cast(evaluation_date - cast(366 * (floor(t9_max_age_male) + 1) as integer) - 2 as date) as t9_earliest_birth_male,
        cast(evaluation_date - cast(366 * (floor(t9_max_age_female) + 1) as integer) - 2 as date) as t9_earliest_birth_female,
        cast(years_counted_to - cast(ceil(365 * p3_years) as integer) + 2 as date) as p3_latest_start,
        cast(years_counted_to + cast(ceil(365 * p3_margin_years) as integer) - 2 as date) as p3_earliest_retirement,
        coalesce(t9_years <= 0, true) as is_t9_unbounded,
        coalesce(p3_years <= 0, true) as is_p3_unbounded,
        coalesce(p3_margin_years <= 0, true) as is_margin_unbounded,
    from (
        select evaluations.evaluation_id, evaluations.evaluation_date, evaluations.years_counted_to,
            rules.t9_years, rules.t9_max_age_male, rules.t9_max_age_female, rules.p3_years, rules.p3_margin_years,
        from evaluations
        inner join rules using (evaluation_id)
        where not is_everyone_judged
    )
),

segment_facts as (
    -- per segment, what the bounds are compared with; a leader's post lies inside one leader
    -- spell at the school (someone whose highest post is not a leader's holds none that day, so
    -- no spell contains it): the spell holding on any records date in the segment
    select segments.*, staff.is_tenured, staff.gender, staff.birth_date, spells.spell_start as leader_spell_start,
        retirement.retirement_date,
    from segments
    inner join staff on staff.staff_id = segments.staff_id
    left join spells
        on spells.staff_id = segments.staff_id and spells.school_id = segments.school_id
        and spells.spell_start <= segments.segment_start and spells.spell_end_or_open >= segments.segment_start
    left join retirement on retirement.staff_id = segments.staff_id
),

evaluations_bounded as (
    -- the bounds ride with their evaluation (a handful of rows) before meeting the millions of
    -- segment dates: joined to those separately, the plan hung on DuckDB's estimate of the
    -- unnested dates, and where that was off it built its hash table on the millions (9.2 M rows
    -- at 1 M staff: 4.9 s for this model against 3.2 s)
    select evaluations.*, bounds.* exclude (evaluation_id),
    from evaluations
    left join bounds using (evaluation_id)
),

people_evaluated as (
    -- each segment meets the evaluations whose records date falls in it through the short list
    -- of those dates, filtered per segment and then joined by equality: a range join of the
    -- millions of segments with the evaluations sorted them all, most of this model's time
    select evaluations.evaluation_id, evaluations.records_date, evaluations.evaluation_date, evaluations.years_counted_to,
        evaluations.school_year, evaluations.is_as_of, segment_dates.staff_id, segment_dates.school_id,
        segment_dates.appointment_id, segment_dates.attachment_start, segment_dates.leader_spell_start,
    from (
        select segment_facts.*,
            unnest(list_filter(dates.records_dates, day -> day between segment_facts.segment_start and segment_facts.segment_end_or_open)) as records_date,
        from segment_facts
        cross join (select list(distinct records_date) as records_dates from evaluations) as dates
    ) as segment_dates
    inner join evaluations_bounded as evaluations on evaluations.records_date = segment_dates.records_date
    where evaluations.is_everyone_judged
        -- rotation applies to 在编 teachers and cadres only
        or (segment_dates.is_tenured and segment_dates.post_group in ('leader', 'middle', 'teacher')
            and case when segment_dates.post_group = 'leader'
                then (evaluations.is_p3_unbounded or segment_dates.leader_spell_start <= evaluations.p3_latest_start)
                    and (evaluations.is_margin_unbounded or segment_dates.retirement_date >= evaluations.p3_earliest_retirement)
                else (evaluations.is_t9_unbounded or segment_dates.attachment_start <= evaluations.t9_latest_start)
                    and segment_dates.birth_date >= case when segment_dates.gender = 'M'
                        then evaluations.t9_earliest_birth_male else evaluations.t9_earliest_birth_female end
            end)
),

years_away as (
    -- time on temporary rotations away (支教 and others with the relation not moved) does not
    -- count toward years in the same school (ROT-SUPPORT); each stretch away is measured in
    -- calendar years over [start, day after end), cut to the attachment and to years_counted_to.
    -- An end date not yet on the records of the records date leaves the stretch running. Summed
    -- per row: what a stretch still running adds depends on both the records date and
    -- years_counted_to, and decimal_years of a sum of stretches is not the sum of their
    -- decimal_years, so no interval bound gives it; few people have any
    select
        people_evaluated.evaluation_id,
        people_evaluated.staff_id,
        sum(decimal_years(
            greatest(rotations.start_date, people_evaluated.attachment_start),
            least(case when rotations.end_date <= people_evaluated.records_date then cast(rotations.end_date + 1 as date)
                else people_evaluated.years_counted_to end, people_evaluated.years_counted_to)
        )) as away_years,
    from people_evaluated
    inner join rotations
        on rotations.staff_id = people_evaluated.staff_id
        and rotations.from_school_id = people_evaluated.school_id
        and rotations.is_between_schools
        and not rotations.is_relation_moved
        and rotations.start_date <= people_evaluated.records_date
        and (case when rotations.end_date <= people_evaluated.records_date then rotations.end_date
            else people_evaluated.years_counted_to end) >= people_evaluated.attachment_start
    group by all
),

final as (
    -- the evaluation's own dates stay in int_evaluation_dates: copied here they were four columns
    -- of millions of rows at a province's size, for readers that join the evaluation anyway
    select
        people_evaluated.* exclude (records_date, evaluation_date, years_counted_to, school_year),
        coalesce(years_away.away_years, 0) as away_years,
        greatest(0, decimal_years(people_evaluated.attachment_start, people_evaluated.years_counted_to)
            - coalesce(years_away.away_years, 0)) as years_in_school,
    from people_evaluated
    left join years_away using (evaluation_id, staff_id)
)

select * from final
