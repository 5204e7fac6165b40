-- Fast ingest, over the files copy.sql wrote ($1): the rows, how many distinct period keys (by
-- hash: a repeated key, or a collision, sends the file to the reader, which names the rows), and
-- the totals of the ingest summary.
SELECT count(*) AS row_count, count(DISTINCT hash({{key}})) AS distinct_keys, {{sums}}
FROM read_parquet($1::VARCHAR[])
