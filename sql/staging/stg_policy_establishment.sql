-- grain: one row per school level × cadre post × office of the default establishment in force on
-- the as-of date (APT-ESTABLISHMENT): leader posts without an office, then every office the
-- level's list names with its heads and deputies. Office names go through the policy's aliases.
with policy as (select * from policy_values),
params as (select * from run_params),
aliases as (select * from stg_policy_office_aliases),
posts as (select * from ref_posts),

in_force as (
    select split_part(policy.key, '.', 1) as level, split_part(policy.key, '.', 2) as setting,
        policy.num_value, policy.text_value,
    from policy
    cross join params
    where policy.rule_id = 'APT-ESTABLISHMENT' and policy.key like '%.%'
        and policy.valid_from <= params.as_of and params.as_of < policy.valid_to
),

leader_posts as (
    -- the leader settings are named after the post they approve (principal, vice_principal …)
    select in_force.level, in_force.setting as post, '' as department, cast(in_force.num_value as integer) as approved,
    from in_force
    inner join posts on posts.post = in_force.setting and posts.post_group = 'leader'
),

offices as (
    select in_force.level, trim(office.name) as office,
    from in_force, unnest(string_split(in_force.text_value, '、')) as office(name)
    where in_force.setting = 'offices' and trim(office.name) <> ''
),

office_posts as (
    select offices.level, posts.post, coalesce(aliases.office, offices.office) as department,
        cast(counts.num_value as integer) as approved,
    from offices
    inner join posts on posts.is_middle_head or posts.is_middle_deputy
    inner join in_force as counts on counts.level = offices.level
        and counts.setting = case when posts.is_middle_head then 'office_head' else 'office_deputy' end
    left join aliases on aliases.alias = offices.office
),

final as (
    select * from leader_posts
    union all
    -- an office named twice (or once and by an alias) is still one office
    select distinct level, post, department, approved from office_posts
)

select * from final
