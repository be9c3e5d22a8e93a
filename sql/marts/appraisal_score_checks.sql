-- grain: one row per appraisal × column that breaks the 1000-point scheme (PAY-SCORE, 004 第5篇,
-- maxima in force on 31 December of the appraisal year): a part above its maximum
-- (PAY-SCORE.max_<part>), a total above the parts' maxima together, or parts that do not add up
-- to the total (blank parts count as 0 when any part is given). The appraisal still loads and
-- counts for every other rule; this lists what a clerk should correct, on the 数据质量 page.
-- school_id: the school of the highest post held on 31 December of the year (empty when none).
with appraisals as (select * from stg_appraisals),
appointments as (select * from stg_appointments),
score_columns as (select * from ref_score_columns),

part_maxima as (
    -- each part's maximum in force on 31 December, read once per appraisal year, not per row
    select years.appraisal_year, score_columns.score_column,
        policy_number('PAY-SCORE', 'max_' || score_columns.score_column, make_date(years.appraisal_year, 12, 31)) as maximum,
    from (select distinct appraisal_year from appraisals) as years
    cross join score_columns
    where score_columns.is_part
),

year_maxima as (
    -- the year's maxima side by side, so that a row is compared with them without unpivoting it
    select appraisal_year,
        any_value(maximum) filter (where score_column = 'attitude') as attitude_maximum,
        any_value(maximum) filter (where score_column = 'ability') as ability_maximum,
        any_value(maximum) filter (where score_column = 'duties') as duties_maximum,
        any_value(maximum) filter (where score_column = 'results') as results_maximum,
        sum(maximum) as score_maximum,
    from part_maxima
    group by appraisal_year
),

measured as (
    select appraisals.staff_id, appraisals.appraisal_year, appraisals.score,
        appraisals.attitude, appraisals.ability, appraisals.duties, appraisals.results,
        year_maxima.attitude_maximum, year_maxima.ability_maximum, year_maxima.duties_maximum,
        year_maxima.results_maximum, year_maxima.score_maximum,
        -- blank parts count as 0 when any part is given
        case when appraisals.attitude is not null or appraisals.ability is not null
            or appraisals.duties is not null or appraisals.results is not null
        then coalesce(appraisals.attitude, 0) + coalesce(appraisals.ability, 0)
            + coalesce(appraisals.duties, 0) + coalesce(appraisals.results, 0) end as parts_sum,
    from appraisals
    inner join year_maxima using (appraisal_year)
),

parts_above_maximum as (
    -- only the few rows with a part above its maximum are unpivoted, not every part of every
    -- appraisal (a province's 8 million appraisals are 32 million parts)
    select staff_id, appraisal_year, score_column, part.value as score_value, part.maximum as maximum,
    from (
        unpivot (
            select staff_id, appraisal_year,
                {'value': attitude, 'maximum': attitude_maximum} as attitude,
                {'value': ability, 'maximum': ability_maximum} as ability,
                {'value': duties, 'maximum': duties_maximum} as duties,
                {'value': results, 'maximum': results_maximum} as results,
            from measured
            where attitude > attitude_maximum or ability > ability_maximum
                or duties > duties_maximum or results > results_maximum
        )
        on attitude, ability, duties, results into name score_column value part
    ) as parts
    where part.value > part.maximum
),

checked as (
    select staff_id, appraisal_year, score_column, score_value, maximum, 'above_maximum' as problem
    from parts_above_maximum
    union all
    select staff_id, appraisal_year, 'score', score, score_maximum, 'above_maximum'
    from measured where score > score_maximum
    union all
    -- a difference below a thousandth is rounding in the export
    select staff_id, appraisal_year, 'score', score, parts_sum, 'parts_do_not_sum'
    from measured where score is not null and parts_sum is not null and abs(parts_sum - score) > 0.001
),

school_at_year_end as (
    select checked.staff_id, checked.appraisal_year, arg_min(appointments.school_id, (appointments.post_rank, appointments.appointment_id)) as school_id,
    from (select distinct staff_id, appraisal_year from checked) as checked
    inner join appointments
        on appointments.staff_id = checked.staff_id
        and appointments.start_date <= make_date(checked.appraisal_year, 12, 31)
        and appointments.end_date_or_open >= make_date(checked.appraisal_year, 12, 31)
    group by checked.staff_id, checked.appraisal_year
),

final as (
    select
        checked.staff_id, school_at_year_end.school_id, checked.appraisal_year as year, checked.score_column as "column",
        checked.score_value as "value", checked.maximum, checked.problem,
        'PAY-SCORE' as rule_id,
        checked.appraisal_year || '年度考核' || case when checked.problem = 'parts_do_not_sum'
            then '「' || score_columns.label_zh || '」' || number_text(checked.score_value) || '与四项分数之和' || number_text(checked.maximum) || '不符'
            else '「' || score_columns.label_zh || '」' || number_text(checked.score_value) || '分，超过满分' || number_text(checked.maximum) || '分' end
            || '（PAY-SCORE）' as explanation,
    from checked
    inner join score_columns on score_columns.score_column = checked.score_column
    left join school_at_year_end using (staff_id, appraisal_year)
    order by school_at_year_end.school_id, checked.staff_id, checked.appraisal_year, checked.score_column, checked.problem
)

select * from final
