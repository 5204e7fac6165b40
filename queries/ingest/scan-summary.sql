-- Fast ingest, first pass over an upload whose skipped rows the reader checks (Google's Total
-- rows against the sum of the rows): as scan.sql, and the cells of every skipped row, which
-- TypeScript checks with the reader's own function (column-plan.ts `summary`).
SELECT {{derived}}, skipped
FROM (
  SELECT count(*) FILTER (WHERE {{keep}}) AS row_count, {{lists}}, list([{{cells}}]) FILTER (WHERE NOT ({{keep}})) AS skipped
  FROM {{source}}
)
