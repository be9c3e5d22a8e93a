-- invariant: each year's county row equals the sum of its schools, young cadres are among the
-- cadres, and a year's cadres are the next year's plus those who left during it (nobody is hired)
with county as (select * from outlook where school_id = 'ALL'),
schools as (
    select school_year, sum(teachers_due) as teachers_due, sum(leaders_due) as leaders_due, sum(retirements) as retirements,
        sum(cadre_age_exits) as cadre_age_exits, sum(term_ends) as term_ends, sum(cadres) as cadres,
        sum(cadres_40_or_under) as cadres_40_or_under, sum(backbone) as backbone,
    from outlook
    where school_id <> 'ALL'
    group by school_year
)
select county.school_year, county.school_id, 'county row differs from the sum of the schools' as problem
from county
left join schools using (school_year)
where (county.teachers_due, county.leaders_due, county.retirements, county.cadre_age_exits, county.term_ends,
        county.cadres, county.cadres_40_or_under, county.backbone)
    is distinct from (schools.teachers_due, schools.leaders_due, schools.retirements, schools.cadre_age_exits, schools.term_ends,
        schools.cadres, schools.cadres_40_or_under, schools.backbone)
union all
select school_year, school_id, 'more cadres aged 40 or under than cadres'
from outlook
where cadres_40_or_under > cadres
union all
select later.school_year, later.school_id, 'cadres grew from one year to the next'
from outlook as later
inner join outlook as earlier on earlier.school_id = later.school_id and earlier.school_year = later.school_year - 1
where later.cadres > earlier.cadres
