-- grain: one row per input row that was not loaded, or (v2) per optional cell that was emptied:
-- raw_rejects passed through with every column it has (v2 adds `action`, row or cell), so a
-- column ingest adds reaches the output without a change here
with raw_rejected as (select * from raw_rejects),

final as (
    select *
    from raw_rejected
    order by "file", "row_number", "column"
)

select * from final
