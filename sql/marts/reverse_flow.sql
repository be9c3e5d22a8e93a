-- grain: one row per school year: backbone teachers sent in the year's round (ROT-YEAR) from
-- strong schools to general or weak ones against those going the other way; the first must be
-- strictly more, 多于 (ROT-NO-REVERSE)
with school_years as (select * from int_school_years),
rotations as (select * from stg_rotations where is_between_schools),
staff as (select * from stg_staff),
schools as (select * from stg_schools),

backbone_moves as (
    select rotations.school_year, from_school.is_strong as from_strong, to_school.is_strong as to_strong
    from rotations
    inner join staff on staff.staff_id = rotations.staff_id and staff.is_backbone
    inner join schools as from_school on from_school.school_id = rotations.from_school_id
    inner join schools as to_school on to_school.school_id = rotations.to_school_id
),

counted as (
    select school_years.school_year, any_value(school_years.round_ends_on) as round_ends_on,
        count(*) filter (where backbone_moves.from_strong and not backbone_moves.to_strong) as backbone_strong_to_other,
        count(*) filter (where not backbone_moves.from_strong and backbone_moves.to_strong) as backbone_other_to_strong,
    from school_years
    left join backbone_moves on backbone_moves.school_year = school_years.school_year
    group by school_years.school_year
),

final as (
    select
        school_year,
        cast(backbone_strong_to_other as integer) as backbone_strong_to_other,
        cast(backbone_other_to_strong as integer) as backbone_other_to_strong,
        backbone_strong_to_other > backbone_other_to_strong as ok,
        -- the round is still running on the as-of date: its figures are so far, not final
        round_ends_on <= (select as_of from run_params) as is_complete,
        'ROT-NO-REVERSE' as rule_id,
        school_year || '学年骨干教师从优质学校交流到一般或薄弱学校' || backbone_strong_to_other || '人次，反向' || backbone_other_to_strong
            || '人次，' || case when backbone_strong_to_other > backbone_other_to_strong then '前者多于后者，符合要求'
                when backbone_strong_to_other + backbone_other_to_strong = 0 then '无骨干教师交流，未达到前者多于后者的要求'
                else '前者未多于后者，存在逆交流' end
            || case when round_ends_on <= (select as_of from run_params) then '' else '（本轮未结束，截至统计日）' end
            || '（ROT-NO-REVERSE）' as explanation,
    from counted
    order by school_year
)

select * from final
