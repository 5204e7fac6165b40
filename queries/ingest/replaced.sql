-- How many period keys of the new upload ($1: its files) live uploads ($3) already hold in the
-- files of its partitions ($2), and the periods they start: what ingest-object.ts findReplaced
-- counts. Keys compare with IS NOT DISTINCT FROM, as the lake's key treats null as a value.
SELECT count(*) AS replaced, list(DISTINCT strftime(n.{{period}}, '%Y-%m-%d')) AS periods
FROM read_parquet($1::VARCHAR[]) n
SEMI JOIN (SELECT {{key}} FROM read_parquet($2::VARCHAR[], union_by_name = true) WHERE list_contains($3::VARCHAR[], upload_id)) o
  ON {{key_match}}
