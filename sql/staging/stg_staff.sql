-- grain: one row per staff member
with staff as (select * from raw_staff),
genders as (select * from ref_genders),
education as (select * from ref_education),
post_categories as (select * from ref_post_categories),

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
        -- 任教学科 (optional): the plan sends a short subject's teachers first (digest §7)
        nullif(trim(staff.subject), '') as subject,
        staff.backbone is not null as is_backbone,
        -- rotation rules apply to 在编 staff only (contract: staff.employment)
        staff.employment = 'tenured' as is_tenured,
        -- optional 岗位类别 (v2): decides a woman's retirement track when given (digest §6)
        staff.post_category,
        post_categories.is_worker_track as is_worker_category,
    from staff
    left join genders on genders.gender = staff.gender
    left join education on education.education = staff.education
    left join post_categories on post_categories.post_category = staff.post_category
)

select * from final
