-- The names of the series demand_series.sql numbers: one row per series (partner + location +
-- channel in a campaign's region), numbered the same way (ordered by channel, region, partner,
-- location), with the region's role in the campaign and how many rows demand_series.sql gives it
-- (the reader checks the two answers agree). Same parameters as demand_series.sql.
-- Parameters: campaign id, channel ('' for every channel), the same channel, first year, last year
-- (YYYY), first day, last day.
WITH keys AS (
  SELECT
    s.channel,
    s.region_code AS region,
    s.partner_id,
    coalesce(s.location, '') AS location,
    min(r.role) AS role,
    count(*) AS row_count
  FROM service_demand s
  JOIN campaign_regions r
    ON r.region_code = s.region_code
  WHERE r.campaign = ?
    AND (? = '' OR s.channel = ?)
    AND s.year BETWEEN ? AND ?
    AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
  GROUP BY s.channel, s.region_code, s.partner_id, coalesce(s.location, '')
)
SELECT
  CAST(row_number() OVER (ORDER BY channel, region, partner_id, location) AS INTEGER) AS series,
  partner_id,
  location,
  channel,
  region,
  role,
  row_count
FROM keys
ORDER BY series
