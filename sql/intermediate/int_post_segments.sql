-- grain: one row per person × segment: a stretch of days (segment_start … segment_end_or_open)
-- on which the record chosen as their highest post (highest rank, then earliest start, school,
-- record id: a middle head who also teaches counts as middle) and the start of their attachment
-- to its school stay the same. What a person holds changes only on the day a record starts or
-- the day after one ends, and the attachment start also on the day a rotation with the personnel
-- relation moved starts (ROT-SUPPORT): those days bound the segments, so who holds what on any
-- records date is the segment containing it, with no row per person per date. Days in no post
-- have no segment; two segments in a row may hold the same (a lower post starting or ending
-- also cuts one), which changes nothing for a day's lookup.
with appointments as not materialized (select * from stg_appointments),
attachments as (select * from int_attachments_resolved),
moves as (select * from stg_rotations where is_relation_moved and is_between_schools),

bounds as (
    select staff_id, start_date as bound_date from appointments
    union
    select staff_id, cast(end_date_or_open + 1 as date) from appointments where end_date_or_open < 'infinity'::date
    union
    select staff_id, start_date from moves
),

pieces as (
    select staff_id, bound_date as segment_start,
        coalesce(cast(lead(bound_date) over (partition by staff_id order by bound_date) - 1 as date), 'infinity'::date)
            as segment_end_or_open,
    from bounds
),

highest_post as (
    -- a record holding on a segment's first day holds on all of it (no bound falls inside); an
    -- aggregate carrying only the record's id, as int_people_on_dates did per date
    select pieces.staff_id, pieces.segment_start, any_value(pieces.segment_end_or_open) as segment_end_or_open,
        arg_min(appointments.appointment_id,
            (appointments.post_rank, appointments.start_date, appointments.school_id, appointments.appointment_id)) as appointment_id,
    from pieces
    inner join appointments
        on appointments.staff_id = pieces.staff_id
        and appointments.start_date <= pieces.segment_start
        and appointments.end_date_or_open >= pieces.segment_start
    group by pieces.staff_id, pieces.segment_start
),

attached as (
    select highest_post.*, appointments.school_id, appointments.post_group, attachments.attachment_start,
    from highest_post
    inner join appointments on appointments.appointment_id = highest_post.appointment_id
    inner join attachments
        on attachments.staff_id = highest_post.staff_id
        and attachments.school_id = appointments.school_id
        and attachments.attachment_start <= highest_post.segment_start
        and attachments.attachment_end_or_open >= highest_post.segment_start
),

latest_move as (
    -- a rotation with the personnel relation moved (人事关系随迁) ends the attachment to the old
    -- school and starts one at the new school, whatever the appointment records say (ROT-SUPPORT);
    -- only moves already on the records count: one starting after the segment's first day starts
    -- a later segment
    select attached.staff_id, attached.segment_start, max(moves.start_date) as moved_on,
    from attached
    inner join moves
        on moves.staff_id = attached.staff_id
        and attached.school_id in (moves.to_school_id, moves.from_school_id)
        and moves.start_date > attached.attachment_start
        and moves.start_date <= attached.segment_start
    group by all
),

final as (
    select
        attached.staff_id,
        attached.segment_start,
        attached.segment_end_or_open,
        attached.appointment_id,
        attached.school_id,
        attached.post_group,
        greatest(attached.attachment_start, latest_move.moved_on) as attachment_start,
    from attached
    left join latest_move using (staff_id, segment_start)
)

select * from final
