-- grain: one row per school × leader or middle post × office the bureau approved a count for
-- (职数核定, the optional `establishments` file), the office under its policy alias
with establishments as (select * from raw_establishments),
aliases as (select * from stg_policy_office_aliases),
posts as (select * from ref_posts),

final as (
    select
        establishments.row_number as establishment_row,
        establishments.school_id,
        establishments.post,
        -- leaders have no office, whatever the file's cell says; an office is named as the
        -- appointments name it once the alias is applied
        case when posts.post_group = 'leader' then ''
            else coalesce(aliases.office, trim(coalesce(establishments.department, ''))) end as department,
        establishments.approved,
    from establishments
    inner join posts on posts.post = establishments.post and posts.post_group in ('leader', 'middle')
    left join aliases on aliases.alias = trim(establishments.department)
    -- 教务处 and 教导处 of one school are one office once the alias applies: the first row given wins
    qualify row_number() over (partition by establishments.school_id, establishments.post, department order by establishments.row_number) = 1
)

select * from final
