-- Fast ingest, over the files copy.sql wrote ($1): each file's rows, from its footer.
SELECT file_name AS file, num_rows AS rows
FROM parquet_file_metadata($1::VARCHAR[])
