-- Service-demand rows of every series (partner + location + channel) in a campaign's targeted and
-- control regions, as reported: no sums, so the analysis knows which periods each series reported
-- (a missing period is never read as zero) and can bring daily and weekly rows to one grain.
-- Shaped to be read column by column at millions of rows: `series` numbers the series (ordered by
-- channel, region, partner, location); their names come on each series' first row only (NULL on
-- the rest), and `day` is the period's first day as days since 1970-01-01 (no date text per row).
-- Parameters: campaign id, channel ('' for every channel), the same channel, first year, last year
-- (YYYY), first day, last day.
WITH reported AS (
  SELECT
    s.partner_id,
    coalesce(s.location, '') AS location,
    s.channel,
    s.region_code AS region,
    r.role,
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
numbered AS (
  SELECT
    partner_id, location, channel, region, role, period_start, period_days, count,
    dense_rank() OVER (ORDER BY channel, region, partner_id, location) AS series,
    row_number() OVER (PARTITION BY channel, region, partner_id, location ORDER BY period_start, period_days) AS k
  FROM reported
)
SELECT
  CAST(series AS INTEGER) AS series,
  CASE WHEN k = 1 THEN partner_id END AS partner_id,
  CASE WHEN k = 1 THEN location END AS location,
  CASE WHEN k = 1 THEN channel END AS channel,
  CASE WHEN k = 1 THEN region END AS region,
  CASE WHEN k = 1 THEN role END AS role,
  CAST(date_diff('day', DATE '1970-01-01', period_start) AS INTEGER) AS day,
  period_days,
  count
FROM numbered
ORDER BY series, day, period_days
