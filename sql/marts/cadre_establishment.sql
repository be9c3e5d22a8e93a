-- grain: one row per school × cadre post × office on the as-of date that has an approved count or
-- a holder (APT-ESTABLISHMENT): approved from the bureau's `establishments` file for that school
-- and post when given, else the policy default for the school's level (a post or office the
-- default does not name is approved 0, so holding it is over establishment); in_post counts the
-- people holding the post then (one person holding two posts counts in each)
with params as (select * from run_params),
appointments as (select * from stg_appointments where is_cadre_post),
schools as (select * from stg_schools),
given as (select * from stg_establishments),
defaults as (select * from stg_policy_establishment),
aliases as (select * from stg_policy_office_aliases),
posts as (select * from ref_posts),
levels as (select * from ref_levels),

holders as (
    select appointments.school_id, appointments.post,
        -- offices are matched under the policy's aliases (教务处 counts as 教导处)
        case when appointments.post_group = 'leader' then '' else coalesce(aliases.office, trim(appointments.department)) end as department,
        appointments.staff_id,
    from appointments
    cross join params
    left join aliases on aliases.alias = trim(appointments.department)
    where appointments.start_date <= params.as_of and appointments.end_date_or_open >= params.as_of
),

held as (
    select school_id, post, department, cast(count(distinct staff_id) as integer) as in_post,
        string_agg(distinct staff_id, '、' order by staff_id) as staff_ids,
    from holders
    group by school_id, post, department
),

school_defaults as (
    select schools.school_id, defaults.post, defaults.department, defaults.approved,
    from schools
    inner join defaults on defaults.level = schools.level
    where defaults.approved > 0
),

slots as (
    select school_id, post, department from school_defaults
    union select school_id, post, department from given
    union select school_id, post, department from held
),

counted as (
    select slots.*, schools.level, levels.level_zh, posts.post_zh, posts.post_rank, posts.post_group,
        cast(coalesce(given.approved, school_defaults.approved, 0) as integer) as approved,
        case when given.school_id is not null then 'establishments' else 'policy' end as source,
        given.establishment_row,
        coalesce(held.in_post, 0) as in_post, held.staff_ids,
    from slots
    inner join schools on schools.school_id = slots.school_id
    inner join posts on posts.post = slots.post
    left join levels on levels.level = schools.level
    left join given on given.school_id = slots.school_id and given.post = slots.post and given.department = slots.department
    left join school_defaults on school_defaults.school_id = slots.school_id and school_defaults.post = slots.post and school_defaults.department = slots.department
    left join held on held.school_id = slots.school_id and held.post = slots.post and held.department = slots.department
),

final as (
    select school_id, post, nullif(department, '') as department, approved, in_post,
        in_post > approved as over,
        case when approved > in_post then cast(approved - in_post as integer) end as vacant,
        source, 'APT-ESTABLISHMENT' as rule_id,
        department || post_zh || case when post_group = 'middle' and department = '' then '（处室未填）' else '' end || '：'
            || case when source = 'establishments' then '教育局核定职数（职数核定文件第' || establishment_row || '行）'
                else '按' || coalesce(level_zh, level) || '默认职数（政策文件，本地选择）' end
            || approved || '名，在岗' || in_post || '名' || coalesce('（' || staff_ids || '）', '')
            || case when in_post > approved then '，超职数' || (in_post - approved) || '名，严禁超职数配备'
                when approved > in_post then '，空缺' || (approved - in_post) || '名' else '，与职数相符' end
            || '（APT-ESTABLISHMENT）' as explanation,
        level, post_group, staff_ids, post_rank,
    from counted
    order by school_id, post_rank, department
)

select * from final
