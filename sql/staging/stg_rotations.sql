-- grain: one row per rotation record visible on the as-of date
with rotations as (select * from raw_rotations),
params as (select * from run_params),
rotation_types as (select * from ref_rotation_types),

final as (
    select
        rotations.row_number as rotation_id,
        rotations.staff_id,
        rotations.from_school_id,
        rotations.to_school_id,
        rotations.start_date,
        case when rotations.end_date <= params.as_of then rotations.end_date end as end_date,
        rotations.type as rotation_type,
        rotation_types.rotation_type_zh,
        rotation_types.is_between_schools,
        rotation_types.has_service_period,
        -- an empty 人事关系随迁 reads 是 for 校际交流, 集团内交流 and 片区交流 and 否 for the
        -- other types, which are temporary: the person still belongs home (contract v2: Time)
        coalesce(rotations.relation_moved, rotation_types.moves_relation_when_blank) as is_relation_moved,
        -- a rotation counts toward the school year whose round its start date falls in: rounds
        -- open in the summer before the school year (ROT-YEAR)
        round_year_of(rotations.start_date) as school_year,
    from rotations
    cross join params
    inner join rotation_types on rotation_types.rotation_type = rotations.type
    where rotations.start_date <= params.as_of
)

select * from final
