-- grain: one row per input row that was not loaded (raw_rejects, passed through)
with raw_rejected as (select * from raw_rejects),

final as (
    select "file", "row_number", "column", "value", reason
    from raw_rejected
    order by "file", "row_number", "column"
)

select * from final
