-- grain: one row per rotation into a school that the person left before serving the years owed
-- there (ROT-SERVE), for the rotation page; the counts per school and year are on
-- rotation_compliance (left_early)
with service as (select * from int_rotation_service where is_left_early),

final as (
    select
        staff_id,
        to_school_id as school_id,
        from_school_id,
        rotation_type,
        start_date,
        left_on,
        left_school_year as school_year,
        required_years,
        serve_until,
        'ROT-SERVE' as rule_id,
        date_text(start_date) || rotation_type_zh || '到本校，' || date_text(left_on) || '离开，服务'
            || years_text(decimal_years(start_date, cast(left_on + 1 as date))) || '年，未满'
            || case when is_rural_support then '支教或到农村学校交流应服务的' else '交流后应服务的' end
            || number_text(required_years) || '年（应至' || date_text(serve_until) || '，ROT-SERVE）' as explanation,
    from service
    order by school_id, left_on, staff_id
)

select * from final
