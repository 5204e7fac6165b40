-- Fast ingest, first pass over an upload (DuckDB, every cell read as text; see
-- shared/pipeline/fast-ingest/): the rows, and the distinct date and region texts, which
-- TypeScript then reads with the readers' own functions (parseLocalDate, the RegionResolver,
-- currencyCode). Summary rows the plan skips (`Total ...`) are left out, as the reader skips them.
-- {{...}} parts are generated from the reader's column plan (shared/sources/column-plan.ts): the
-- inner query lists each cell's distinct texts once, the outer one makes the lists of them.
SELECT {{derived}}
FROM (
  SELECT count(*) AS row_count, {{lists}}
  FROM {{source}}
  WHERE {{keep}}
)
