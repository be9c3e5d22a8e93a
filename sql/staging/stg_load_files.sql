-- grain: one row per record file of the last load (for the read = loaded + rejected test)
with files as (select * from load_files)

select * from files
