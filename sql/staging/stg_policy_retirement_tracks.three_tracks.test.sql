-- invariant: men, women on the 55 track and women in 工勤 posts each have exactly one track
select gender, is_worker_track, count(*) as tracks
from stg_policy_retirement_tracks
group by all
having count(*) <> 1
