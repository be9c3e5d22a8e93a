-- invariants: of the teachers sent, the eligible ones are at most all of them and at most all
-- eligible; backbone teachers at most all sent; with count_only_eligible, sent = sent eligible;
-- shares are shares; met is empty exactly when nobody is eligible or no target applies; the
-- county row is the sum of the schools
with schools as (select * from rotation_compliance where school_id <> 'ALL'),
county as (select * from rotation_compliance where school_id = 'ALL'),
sums as (
    select school_year, sum(eligible) as eligible, sum(rotated) as rotated, sum(rotated_eligible) as rotated_eligible,
        sum(backbone_rotated) as backbone_rotated, sum(eligible_leaders) as eligible_leaders, sum(rotated_leaders) as rotated_leaders
    from schools group by school_year
)
select 'row' as broken, school_id, school_year, eligible, rotated, rotated_eligible, backbone_rotated, ratio, target, met
from rotation_compliance
where rotated_eligible > rotated or rotated_eligible > eligible or backbone_rotated > rotated
    or ratio < 0 or target not between 0 and 1
    or (met is null) <> (eligible = 0 or not target_applies)
    or (policy_flag('ROT-RATIO', 'count_only_eligible', eligibility_date) and rotated <> rotated_eligible)
union all
select 'county', 'ALL', county.school_year, county.eligible, county.rotated, county.rotated_eligible, county.backbone_rotated, null, null, null
from county inner join sums using (school_year)
where (county.eligible, county.rotated, county.rotated_eligible, county.backbone_rotated, county.eligible_leaders, county.rotated_leaders)
    <> (sums.eligible, sums.rotated, sums.rotated_eligible, sums.backbone_rotated, sums.eligible_leaders, sums.rotated_leaders)
