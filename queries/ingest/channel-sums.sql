-- Fast ingest of partner counts, over the files copy.sql wrote ($1): each channel's total, for
-- the ingest summary (as pipeline/totals.ts sums them on the JavaScript path).
SELECT channel, sum("count") AS total
FROM read_parquet($1::VARCHAR[])
GROUP BY channel
ORDER BY channel
