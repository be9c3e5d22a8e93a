-- grain: one row per hiring round × school (plus ALL): who took part and how the round ended for
-- them, counted as people (a person hired into two posts counts once), from the round's records
-- visible on the as-of date (digest §5; seed 001 第5篇)
with appointments as (select * from stg_appointments where hiring_round is not null),

people_in_round as (
    select
        hiring_round, school_id, staff_id,
        bool_or(is_not_participating) as did_not_take_part,
        -- competing means a first-round result: hired competitively or not hired
        bool_or(is_competitive or is_not_hired) as competed,
        bool_or(is_competitive) as hired_competitively,
        bool_or(is_not_hired) as not_hired_first_round,
        bool_or(is_second_round) as hired_second_round,
        bool_or(is_direct) as hired_directly,
        -- 直聘 after 落聘: care for the seriously ill and similar cases (照顾)
        bool_or(is_not_hired) and bool_or(is_direct) as given_care_post,
        -- the record that starts last decides; on the same day a post outranks 待岗
        arg_max(is_awaiting_post, (start_date, -post_rank)) as ends_awaiting_post,
    from appointments
    group by hiring_round, school_id, staff_id
),

counted as (
    select
        hiring_round as "round", coalesce(school_id, 'ALL') as school_id,
        count(*) as staff_in_round,
        count(*) filter (where did_not_take_part) as not_participating,
        count(*) filter (where competed) as competed,
        count(*) filter (where hired_competitively) as competitive_hired,
        count(*) filter (where not_hired_first_round) as first_round_not_hired,
        count(*) filter (where hired_second_round) as second_round_hired,
        count(*) filter (where hired_directly) as direct_hired,
        count(*) filter (where given_care_post) as care_direct_hired,
        count(*) filter (where ends_awaiting_post) as awaiting_post_end,
    from people_in_round
    group by grouping sets ((hiring_round, school_id), (hiring_round))
),

final as (
    select
        "round", school_id,
        cast(staff_in_round as integer) as staff_in_round, cast(not_participating as integer) as not_participating,
        cast(competed as integer) as competed, cast(competitive_hired as integer) as competitive_hired,
        cast(first_round_not_hired as integer) as first_round_not_hired, cast(second_round_hired as integer) as second_round_hired,
        cast(direct_hired as integer) as direct_hired, cast(care_direct_hired as integer) as care_direct_hired,
        cast(awaiting_post_end as integer) as awaiting_post_end,
    from counted
    order by "round", school_id = 'ALL' desc, school_id
)

select * from final
