-- invariant: the ALL rows equal the sum over schools, and 'all' ≥ each post group
select county.post_group, county.gender, county.age_band, county.headcount, sum(schools.headcount) as schools_total
from age_structure as county
inner join age_structure as schools
    on schools.school_id <> 'ALL' and schools.post_group = county.post_group
    and schools.gender = county.gender and schools.age_band = county.age_band
where county.school_id = 'ALL'
group by all
having county.headcount <> sum(schools.headcount)
