-- Fast ingest, second pass: the rows the reader would make, one Parquet file per partition
-- (written to a scratch folder; the caller moves them under curated/ and commits). A row that a
-- check cannot vouch for stops the whole statement (error()), and the file goes to the reader.
-- Region codes come from the names TypeScript resolved (regions.sql). Row groups of 25,000
-- rows, as the JavaScript writer makes them, so readers that take a row group at a time stay small.
COPY (
  SELECT {{columns}}, {{partition}} AS {{partition_name}}
  FROM {{source}}
  WHERE CASE WHEN NOT ({{keep}}) THEN false WHEN {{flagged}} THEN error('a row the fast path cannot vouch for') ELSE true END
) TO {{target}} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY ({{partition_name}}), FILENAME_PATTERN 'part', ROW_GROUP_SIZE 25000)
