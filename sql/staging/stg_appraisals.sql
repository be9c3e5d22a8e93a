-- grain: one row per staff member × appraisal year known on the as-of date
with appraisals as (select * from raw_appraisals),
params as (select * from run_params),
grades as (select * from ref_grades),

final as (
    select
        appraisals.staff_id,
        appraisals.year as appraisal_year,
        appraisals.grade,
        grades.grade_rank,
        grades.grade_zh,
        appraisals.grade = 'incompetent' as is_incompetent,
        grades.grade_rank >= (select grade_rank from grades where grade = 'competent') as is_competent_or_better,
        appraisals.score,
        -- the four parts of the 1000-point score (PAY-SCORE), as loaded: checked against the
        -- policy's maxima in appraisal_score_checks, not at ingest
        appraisals.attitude,
        appraisals.ability,
        appraisals.duties,
        appraisals.results,
        appraisals.votes_expected,
        appraisals.votes_cast,
        appraisals.votes_excellent,
        appraisals.votes_competent,
        appraisals.votes_basic,
        appraisals.votes_incompetent,
        -- valid votes are the ballots that chose a grade; blank or spoilt ones are not counted
        coalesce(appraisals.votes_excellent, 0) + coalesce(appraisals.votes_competent, 0)
            + coalesce(appraisals.votes_basic, 0) + coalesce(appraisals.votes_incompetent, 0) as votes_valid,
        appraisals.votes_excellent is not null or appraisals.votes_competent is not null
            or appraisals.votes_basic is not null or appraisals.votes_incompetent is not null as has_votes,
        appraisals.applied_multiplier,
        appraisals.base_allowance,
    from appraisals
    cross join params
    inner join grades on grades.grade = appraisals.grade
    -- a year's appraisal is known once the year is over: never read the as-of year's own
    where appraisals.year < year(params.as_of)
)

select * from final
