-- grain: one row per statutory retirement track (digest §6), as in force on the as-of date
with policy as (select * from policy_values),
params as (select * from run_params),

in_force as (
    select
        split_part(policy.key, '.', 1) as track,
        split_part(policy.key, '.', 2) as setting,
        policy.num_value,
        policy.text_value,
    from policy
    cross join params
    where policy.rule_id = 'RETIRE' and policy.valid_from <= params.as_of and params.as_of < policy.valid_to
),

final as (
    select
        track,
        -- which staff a track is for: men; women on the 55 track; women in 工勤 posts on the 50 track
        case track when 'male' then 'M' else 'F' end as gender,
        track = 'female_50' as is_worker_track,
        cast(max(num_value) filter (where setting = 'old_age_years') as integer) as old_age_years,
        cast(max(text_value) filter (where setting = 'first_birth_month') as date) as first_birth_month,
        cast(max(num_value) filter (where setting = 'step_months') as integer) as step_months,
        cast(max(num_value) filter (where setting = 'max_delay_months') as integer) as max_delay_months,
    from in_force
    group by track
)

select * from final
