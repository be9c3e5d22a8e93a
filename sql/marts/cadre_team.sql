-- grain: one row per school (or ALL) × post group (leader, middle, all) with cadres in post on the
-- as-of date: how many, how many are young cadres (YOUNG-CADRE: 40周岁以下 includes 40, 000), and
-- their mean age and years in post and in school. For the 干部结构 and 年度总结 pages.
with params as (select * from run_params),
cadres as (select * from cadre_tenure),
posts as (select * from ref_posts),

grouped as (
    select
        coalesce(cadres.school_id, 'ALL') as school_id,
        coalesce(posts.post_group, 'all') as post_group,
        count(*) as cadres,
        count(*) filter (where cadres.age <= policy_number('YOUNG-CADRE', 'max_age', params.as_of)) as young_cadres,
        avg(cadres.age) as mean_age,
        avg(cadres.years_in_post) as mean_years_in_post,
        avg(cadres.years_in_school) as mean_years_in_school,
    from cadres
    cross join params
    inner join posts on posts.post = cadres.post
    group by grouping sets ((cadres.school_id, posts.post_group), (cadres.school_id), (posts.post_group), ())
    -- the empty grouping set gives a county row even without a single cadre: not a row to show
    having count(*) > 0
),

final as (
    select
        params.as_of,
        grouped.school_id,
        grouped.post_group,
        cast(grouped.cadres as integer) as cadres,
        cast(grouped.young_cadres as integer) as young_cadres,
        cast(policy_number('YOUNG-CADRE', 'max_age', params.as_of) as integer) as young_cadre_max_age,
        round(grouped.mean_age, 1) as mean_age,
        round(grouped.mean_years_in_post, 1) as mean_years_in_post,
        round(grouped.mean_years_in_school, 1) as mean_years_in_school,
    from grouped
    cross join params
    order by grouped.school_id = 'ALL' desc, grouped.school_id, grouped.post_group
)

select * from final
