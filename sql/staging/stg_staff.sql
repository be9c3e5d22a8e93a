-- grain: one row per staff member
with staff as (select * from raw_staff),
genders as (select * from ref_genders),
education as (select * from ref_education),

final as (
    select
        staff.staff_id,
        staff.gender,
        genders.gender_zh,
        staff.birth_date,
        staff.education,
        education.education_rank,
        education.education_zh,
        staff.title,
        staff.work_start,
        -- 从教时间 defaults to 参加工作时间 (contract: staff)
        coalesce(staff.teaching_start, staff.work_start) as teaching_start,
        staff.backbone,
        staff.backbone is not null as is_backbone,
        -- rotation rules apply to 在编 staff only (contract: staff.employment)
        staff.employment = 'tenured' as is_tenured,
    from staff
    left join genders on genders.gender = staff.gender
    left join education on education.education = staff.education
)

select * from final
