-- Fast ingest, over the files copy.sql wrote ($1): the rows, the first and last period and the
-- totals of the ingest summary. Repeated keys are counted file by file (distinct-keys.sql).
SELECT count(*) AS row_count, strftime(min({{period}}), '%Y-%m-%d') AS first_period, strftime(max({{period}}), '%Y-%m-%d') AS last_period, {{sums}}
FROM read_parquet($1::VARCHAR[])
