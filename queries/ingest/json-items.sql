-- Fast ingest of a JSON list (json-sql.ts), first pass: DuckDB parses the items once, keeping
-- as text each field the reader reads and, for each action type it reads, the value of the item's
-- last actions[] entry of that type ('' for an entry without a value, null for no entry); the
-- scan and the copy then read this scratch file instead of parsing the JSON again.
COPY (
  SELECT {{columns}}
  FROM {{source}}
) TO {{target}} (FORMAT parquet, COMPRESSION snappy)
