-- grain: one row per school (or ALL) × post group (leader, middle, teacher, all) × gender × age
-- band, counting the people in post on the as-of date by their highest post; every combination
-- is present (headcount 0 included) so charts and sums line up across schools
with people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),
schools as (select * from stg_schools),
bands as (select * from ref_age_bands),
genders as (select * from ref_genders),
params as (select * from run_params),

banded as (
    select people.school_id, people.post_group, people.gender, bands.age_band
    from people
    inner join bands on people.age between bands.min_age and bands.max_age
),

counted as (
    -- each person counts in their school and in ALL, in their post group and in 'all'
    select coalesce(school_id, 'ALL') as school_id, coalesce(post_group, 'all') as post_group,
        gender, age_band, count(*) as headcount
    from banded
    group by grouping sets ((school_id, post_group, gender, age_band), (school_id, gender, age_band),
        (post_group, gender, age_band), (gender, age_band))
),

grid as (
    select scopes.school_id, post_groups.post_group, genders.gender, bands.age_band, bands.band_order
    from (select school_id from schools union all select 'ALL') as scopes
    cross join (select unnest(['leader', 'middle', 'teacher', 'all']) as post_group) as post_groups
    cross join genders
    cross join bands
),

final as (
    select params.as_of, grid.school_id, grid.post_group, grid.gender, grid.age_band,
        coalesce(counted.headcount, 0) as headcount,
    from grid
    cross join params
    left join counted using (school_id, post_group, gender, age_band)
    order by grid.school_id = 'ALL' desc, grid.school_id, grid.post_group, grid.gender, grid.band_order
)

select * from final
