-- grain: one row per tenured teacher, middle cadre or school leader in post on the as-of date:
-- due (must rotate now), exempt (would be due but something holds them back: a valid exemption,
-- or a switched-on variant), with the rule and the numbers that decided it
with explained as (select * from int_rotation_explained where is_as_of),

final as (
    select * exclude (is_as_of, outlook_year, post_group, is_backbone)
    from explained
    order by school_id, staff_id
)

select * from final
