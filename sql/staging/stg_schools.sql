-- grain: one row per school
with schools as (select * from raw_schools),
locations as (select * from ref_locations),
tiers as (select * from ref_tiers),

final as (
    select
        schools.school_id,
        schools.name as school_name,
        schools.district,
        schools.level,
        schools.location,
        schools.tier,
        schools.staff_quota,
        locations.is_urban_or_town,
        locations.is_urban,
        locations.is_rural,
        -- a remote or island school without the conditions for rotation is excepted from the
        -- targets; a phase-in year lets a school spread its due teachers (ROT-REMOTE)
        coalesce(schools.remote, false) as is_remote,
        schools.phase_in_until,
        tiers.is_strong,
        tiers.tier_zh,
    from schools
    left join locations on locations.location = schools.location
    left join tiers on tiers.tier = schools.tier
)

select * from final
