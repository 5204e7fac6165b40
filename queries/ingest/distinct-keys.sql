-- Fast ingest, over one file copy.sql wrote ($1): its rows and how many distinct period keys (by
-- hash: a repeated key, or a collision, sends the file to the reader, which names the rows). File
-- by file: the key holds the period, which decides the partition, so a key can repeat only within
-- one file, and the hash table is one partition's rather than the whole upload's (40 MB less at
-- the peak of a 5M-row file).
SELECT count(*) AS row_count, count(DISTINCT hash({{key}})) AS distinct_keys
FROM read_parquet($1::VARCHAR)
