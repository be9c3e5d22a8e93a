-- invariant: a person's segments neither overlap nor run backwards, so a day lies in one at most
select staff_id, segment_start, segment_end_or_open, next_start
from (
    select *, lead(segment_start) over (partition by staff_id order by segment_start) as next_start
    from int_post_segments
)
where segment_end_or_open < segment_start or next_start <= segment_end_or_open
