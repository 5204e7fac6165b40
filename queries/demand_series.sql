-- Service-demand rows of every series (partner + location + channel) in a campaign's targeted and
-- control regions, as reported: no sums, so the analysis knows which periods each series reported
-- (a missing period is never read as zero) and can bring daily and weekly rows to one grain.
-- Shaped to be read column by column at millions of rows: numbers only. `series` numbers the
-- series (ordered by channel, region, partner, location; their names: demand_series_names.sql,
-- which numbers them the same way), `day` is the period's first day as days since 1970-01-01 (no
-- date text per row) and the count is a DOUBLE (read as it is, where a BIGINT is converted one
-- value at a time). A text column, even one left NULL, costs as much to read as two or three number
-- columns (about 12 ms per 292,000 rows in DuckDB's node client).
-- Parameters: campaign id, channel ('' for every channel), the same channel, first year, last year
-- (YYYY), first day, last day.
WITH reported AS (
  SELECT
    s.partner_id,
    coalesce(s.location, '') AS location,
    s.channel,
    s.region_code AS region,
    s.period_start,
    s.period_days,
    s.count
  FROM service_demand s
  JOIN campaign_regions r
    ON r.region_code = s.region_code
  WHERE r.campaign = ?
    AND (? = '' OR s.channel = ?)
    AND s.year BETWEEN ? AND ?
    AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
),
-- Series are numbered on the few series rows, not with a window over every row.
numbered AS (
  SELECT channel, region, partner_id, location,
    CAST(row_number() OVER (ORDER BY channel, region, partner_id, location) AS INTEGER) AS series
  FROM (SELECT DISTINCT channel, region, partner_id, location FROM reported) AS keys
)
SELECT
  n.series,
  CAST(date_diff('day', DATE '1970-01-01', r.period_start) AS INTEGER) AS day,
  r.period_days,
  CAST(r.count AS DOUBLE) AS count
FROM reported r
JOIN numbered n
  ON n.channel = r.channel AND n.region = r.region AND n.partner_id = r.partner_id AND n.location = r.location
ORDER BY n.series, day, r.period_days
