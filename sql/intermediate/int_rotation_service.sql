-- grain: one row per rotation into another school that owes a service period there (ROT-SERVE):
-- `years` at the new school, `rural_support_years` for 支教 or a move to a rural school (002
-- 篇四: 以城带乡交流到农村学校…不少于2年; 篇七: 支教 counts as service), with the last day owed, and
-- the day the person left the school when the records show it by the as-of date
with rotations as (select * from stg_rotations where is_between_schools and has_service_period),
schools as (select * from stg_schools),
attachments as (select * from int_attachments_resolved),

required as (
    select
        rotations.rotation_id, rotations.staff_id, rotations.from_school_id, rotations.to_school_id,
        rotations.rotation_type, rotations.rotation_type_zh, rotations.start_date, rotations.end_date,
        rotations.is_relation_moved, rotations.school_year,
        rotations.rotation_type = 'support_teaching' or coalesce(schools.is_rural, false) as is_rural_support,
        case when rotations.rotation_type = 'support_teaching' or coalesce(schools.is_rural, false)
            then policy_number('ROT-SERVE', 'rural_support_years', rotations.start_date)
            else policy_number('ROT-SERVE', 'years', rotations.start_date) end as required_years,
    from rotations
    left join schools on schools.school_id = rotations.to_school_id
),

next_move_out as (
    -- the person's next move that takes the personnel relation away from the school
    select required.rotation_id, min(later.start_date) as moved_out_on
    from required
    inner join stg_rotations as later
        on later.staff_id = required.staff_id and later.from_school_id = required.to_school_id
        and later.is_between_schools and later.is_relation_moved and later.start_date > required.start_date
    group by required.rotation_id
),

attachment_there as (
    -- the stretch of appointments at the new school that the rotation falls in
    select required.rotation_id, max(attachments.attachment_end_or_open) as attachment_end_or_open
    from required
    inner join attachments
        on attachments.staff_id = required.staff_id and attachments.school_id = required.to_school_id
        and attachments.attachment_start <= required.start_date and attachments.attachment_end_or_open >= required.start_date
    group by required.rotation_id
),

served as (
    select
        required.*,
        cast(add_policy_years(required.start_date, required.required_years) - 1 as date) as serve_until,
        -- a temporary rotation ends on its end date; one that moved the person ends when they
        -- leave the school's appointments or move on again
        case when not required.is_relation_moved then required.end_date
            else least(
                case when attachment_there.attachment_end_or_open < 'infinity'::date then attachment_there.attachment_end_or_open end,
                cast(next_move_out.moved_out_on - 1 as date))
        end as left_on,
    from required
    left join next_move_out using (rotation_id)
    left join attachment_there using (rotation_id)
),

final as (
    select
        *,
        -- 不少于 `years`: serving through serve_until is enough, leaving the day before is not
        coalesce(left_on < serve_until, false) as is_left_early,
        -- counted toward the round in which the person's first day away falls
        case when left_on is not null then round_year_of(cast(left_on + 1 as date)) end as left_school_year,
    from served
)

select * from final
