-- Fast ingest, over the files copy.sql wrote ($1): the rows and the totals of the ingest summary.
-- Repeated keys are counted file by file (distinct-keys.sql).
SELECT count(*) AS row_count, {{sums}}
FROM read_parquet($1::VARCHAR[])
