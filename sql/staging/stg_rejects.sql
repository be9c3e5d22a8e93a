-- One row per input row ingest did not load, with where it is and why.
with

rejects as (select * from warehouse.raw_rejects),

final as (
    select "file", "row_number", "column", "value", "reason"
    from rejects
)

select * from final
