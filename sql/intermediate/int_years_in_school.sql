-- grain: one row per evaluation date × person in post, with the years of continuous attachment
-- to the school of their highest post (contract: Time, "years in the same school")
with people as (select * from int_people_on_dates),
attachments as (select * from int_attachments_resolved),
rotations as (select * from stg_rotations),

current_attachment as (
    select people.evaluation_date, people.staff_id, people.school_id, attachments.attachment_start
    from people
    inner join attachments
        on attachments.staff_id = people.staff_id
        and attachments.school_id = people.school_id
        and attachments.attachment_start <= people.evaluation_date
        and attachments.attachment_end_or_open >= people.evaluation_date
),

latest_move as (
    -- a rotation with the personnel relation moved (人事关系随迁) ends the attachment to the old
    -- school and starts one at the new school, whatever the appointment records say (ROT-SUPPORT)
    select current_attachment.evaluation_date, current_attachment.staff_id, max(rotations.start_date) as moved_on
    from current_attachment
    inner join rotations
        on rotations.staff_id = current_attachment.staff_id
        and rotations.is_relation_moved
        and rotations.is_between_schools
        and current_attachment.school_id in (rotations.to_school_id, rotations.from_school_id)
        and rotations.start_date > current_attachment.attachment_start
        and rotations.start_date <= current_attachment.evaluation_date
    group by all
),

attachment_start as (
    select
        current_attachment.evaluation_date,
        current_attachment.staff_id,
        current_attachment.school_id,
        greatest(current_attachment.attachment_start, latest_move.moved_on) as attachment_start,
    from current_attachment
    left join latest_move using (evaluation_date, staff_id)
),

years_away as (
    -- time on temporary rotations away (支教 and others with the relation not moved) does not
    -- count toward years in the same school (ROT-SUPPORT); each stretch away is measured in
    -- calendar years over [start, day after end), cut to the attachment and the evaluation date
    select
        attachment_start.evaluation_date,
        attachment_start.staff_id,
        sum(decimal_years(
            greatest(rotations.start_date, attachment_start.attachment_start),
            least(cast(coalesce(rotations.end_date + 1, attachment_start.evaluation_date) as date), attachment_start.evaluation_date)
        )) as away_years,
    from attachment_start
    inner join rotations
        on rotations.staff_id = attachment_start.staff_id
        and rotations.from_school_id = attachment_start.school_id
        and rotations.is_between_schools
        and not rotations.is_relation_moved
        and rotations.start_date <= attachment_start.evaluation_date
        and coalesce(rotations.end_date, attachment_start.evaluation_date) >= attachment_start.attachment_start
    group by all
),

final as (
    select
        attachment_start.*,
        coalesce(years_away.away_years, 0) as away_years,
        greatest(0, decimal_years(attachment_start.attachment_start, attachment_start.evaluation_date)
            - coalesce(years_away.away_years, 0)) as years_in_school,
    from attachment_start
    left join years_away using (evaluation_date, staff_id)
)

select * from final
