-- invariant: young cadres are among the cadres, and a school's groups add up to its 'all' row
select team.*
from cadre_team as team
left join (
    select school_id, sum(cadres) as cadres, sum(young_cadres) as young_cadres
    from cadre_team where post_group <> 'all' group by school_id
) as groups using (school_id)
where team.young_cadres > team.cadres
    or (team.post_group = 'all' and (groups.cadres <> team.cadres or groups.young_cadres <> team.young_cadres))
