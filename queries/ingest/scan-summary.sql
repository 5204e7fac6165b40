-- Fast ingest, first pass over an upload whose skipped rows the reader checks (Google's Total
-- rows against the sum of the rows): as scan.sql, and the cells of every skipped row, which
-- TypeScript checks with the reader's own function (column-plan.ts `summary`). The CASE builds a
-- skipped row's list only for the skipped rows: as a plain argument it was built for every row
-- and then dropped by the FILTER, a quarter of the scan of a 5M-row Google report.
SELECT {{derived}}, skipped
FROM (
  SELECT count(*) FILTER (WHERE {{keep}}) AS row_count, {{lists}}, list(CASE WHEN NOT ({{keep}}) THEN [{{cells}}] END) FILTER (WHERE NOT ({{keep}})) AS skipped
  FROM {{source}}
)
