-- Fast ingest of a JSON list, over the items json-items.sql kept ($1): how many hold each field
-- the reader reads (the reader's header has a field when any item holds it). The plan's own scan
-- (scan.sql, generated in sql.ts) then lists the distinct texts the checks read, as for a CSV.
SELECT count(*) AS row_count, {{present}}
FROM read_parquet($1)
