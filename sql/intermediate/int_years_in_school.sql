-- grain: one row per evaluation (int_evaluation_dates) × person in post on its records date, with
-- the years of continuous attachment to the school of their highest post, counted up to the
-- evaluation's years_counted_to on the records as they stood on the records date (contract:
-- Time, "years in the same school"; ROT-YEAR)
with evaluations as (select * from int_evaluation_dates),
people as (select * from int_people_on_dates),
attachments as (select * from int_attachments_resolved),
rotations as (select * from stg_rotations),

people_evaluated as (
    select evaluations.evaluation_id, evaluations.records_date, evaluations.evaluation_date, evaluations.years_counted_to,
        evaluations.school_year, evaluations.is_as_of, people.staff_id, people.school_id,
    from evaluations
    inner join people on people.evaluation_date = evaluations.records_date
),

current_attachment as (
    select people_evaluated.*, attachments.attachment_start
    from people_evaluated
    inner join attachments
        on attachments.staff_id = people_evaluated.staff_id
        and attachments.school_id = people_evaluated.school_id
        and attachments.attachment_start <= people_evaluated.records_date
        and attachments.attachment_end_or_open >= people_evaluated.records_date
),

latest_move as (
    -- a rotation with the personnel relation moved (人事关系随迁) ends the attachment to the old
    -- school and starts one at the new school, whatever the appointment records say (ROT-SUPPORT);
    -- only moves already on the records count: one in the coming round does not
    select current_attachment.evaluation_id, current_attachment.staff_id, max(rotations.start_date) as moved_on,
    from current_attachment
    inner join rotations
        on rotations.staff_id = current_attachment.staff_id
        and rotations.is_relation_moved
        and rotations.is_between_schools
        and current_attachment.school_id in (rotations.to_school_id, rotations.from_school_id)
        and rotations.start_date > current_attachment.attachment_start
        and rotations.start_date <= current_attachment.records_date
    group by all
),

attachment_start as (
    select
        current_attachment.* exclude (attachment_start),
        greatest(current_attachment.attachment_start, latest_move.moved_on) as attachment_start,
    from current_attachment
    left join latest_move using (evaluation_id, staff_id)
),

years_away as (
    -- time on temporary rotations away (支教 and others with the relation not moved) does not
    -- count toward years in the same school (ROT-SUPPORT); each stretch away is measured in
    -- calendar years over [start, day after end), cut to the attachment and to years_counted_to.
    -- An end date not yet on the records of the records date leaves the stretch running.
    select
        attachment_start.evaluation_id,
        attachment_start.staff_id,
        sum(decimal_years(
            greatest(rotations.start_date, attachment_start.attachment_start),
            least(case when rotations.end_date <= attachment_start.records_date then cast(rotations.end_date + 1 as date)
                else attachment_start.years_counted_to end, attachment_start.years_counted_to)
        )) as away_years,
    from attachment_start
    inner join rotations
        on rotations.staff_id = attachment_start.staff_id
        and rotations.from_school_id = attachment_start.school_id
        and rotations.is_between_schools
        and not rotations.is_relation_moved
        and rotations.start_date <= attachment_start.records_date
        and (case when rotations.end_date <= attachment_start.records_date then rotations.end_date
            else attachment_start.years_counted_to end) >= attachment_start.attachment_start
    group by all
),

final as (
    select
        attachment_start.*,
        coalesce(years_away.away_years, 0) as away_years,
        greatest(0, decimal_years(attachment_start.attachment_start, attachment_start.years_counted_to)
            - coalesce(years_away.away_years, 0)) as years_in_school,
    from attachment_start
    left join years_away using (evaluation_id, staff_id)
)

select * from final
