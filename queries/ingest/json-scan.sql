-- Fast ingest of a JSON list, over the items json-items.sql kept ($1): the items; how many hold
-- each field the reader reads (the reader's header has a field when any item holds it); and the
-- distinct date, region and currency texts, which TypeScript then reads with the reader's own
-- functions, as scan.sql does for CSV.
SELECT count(*) AS row_count, {{present}},
  list(DISTINCT date_start) AS dates_start,
  list(DISTINCT date_stop) AS dates_stop,
  list(DISTINCT coalesce(region, '')) AS regions_region,
  list(DISTINCT coalesce(country, '')) AS regions_country,
  list(DISTINCT coalesce(account_currency, '')) AS currencies
FROM read_parquet($1)
