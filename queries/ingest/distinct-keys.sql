-- Fast ingest, over one file copy.sql wrote ($1): its rows and how many distinct period keys (by
-- hash: a repeated key, or a collision, sends the file to the reader, which names the rows), of
-- the keys whose hash leaves remainder $3 divided by $2. File by file: the key holds the period,
-- which decides the partition, so a key can repeat only within one file; and a part of the hashes
-- at a time, so the hash table holds at most a few hundred thousand keys however large the file.
SELECT count(*) AS row_count, count(DISTINCT h) AS distinct_keys
FROM (SELECT hash({{key}}) AS h FROM read_parquet($1::VARCHAR))
WHERE h % $2::UBIGINT = $3::UBIGINT
