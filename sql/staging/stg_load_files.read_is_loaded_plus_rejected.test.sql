-- invariant: every row read from a record file was either loaded or rejected
select "file", rows_read, rows_loaded, rows_rejected
from stg_load_files
where rows_read <> rows_loaded + rows_rejected
