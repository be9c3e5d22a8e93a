-- invariants: everyone counted took part somehow; not hired ≤ competed; those still awaiting a
-- post are among the not taking part and the not hired
select *
from reform_summary
where competed + not_participating > staff_in_round
    or first_round_not_hired > competed
    or competitive_hired + first_round_not_hired < competed
    or awaiting_post_end > not_participating + first_round_not_hired
