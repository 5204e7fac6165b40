-- Service demand of each channel and region in the baseline window and a compared window
-- (the campaign, or a follow-up), for the uplift statistics.
-- Rules: a row counts in a window only if its whole period (day or week) lies inside it; only
-- series (partner + location + channel) that report in both windows count, so a partner who
-- starts reporting during the campaign cannot look like a rise. exposure_days is the average
-- number of days covered per series, so rates stay comparable when windows differ in length.
-- Parameters: baseline first day, baseline last day, compared first day, compared last day,
-- campaign id, first year, last year (YYYY).
WITH windowed AS (
  -- Athena allows `?` only in WHERE clauses: each window is one filtered branch.
  SELECT 'baseline' AS period_window, s.*
  FROM service_demand s
  WHERE s.period_start >= CAST(? AS DATE) AND date_add('day', s.period_days - 1, s.period_start) <= CAST(? AS DATE)
  UNION ALL
  SELECT 'compared' AS period_window, s.*
  FROM service_demand s
  WHERE s.period_start >= CAST(? AS DATE) AND date_add('day', s.period_days - 1, s.period_start) <= CAST(? AS DATE)
),
classified AS (
  SELECT
    s.partner_id,
    coalesce(s.location, '') AS location,
    s.channel,
    s.region_code,
    r.role,
    s.period_days,
    s.count,
    s.period_window
  FROM windowed s
  JOIN campaign_regions r
    ON r.region_code = s.region_code
  WHERE r.campaign = ?
    AND s.year BETWEEN ? AND ?
),
complete_series AS (
  SELECT partner_id, location, channel, region_code
  FROM classified
  WHERE period_window IS NOT NULL
  GROUP BY partner_id, location, channel, region_code
  HAVING count(DISTINCT period_window) = 2
)
SELECT
  c.channel,
  c.region_code AS region,
  c.role,
  c.period_window,
  sum(c.count) AS total,
  CAST(sum(c.period_days) AS DOUBLE) / count(DISTINCT c.partner_id || '|' || c.location) AS exposure_days,
  count(DISTINCT c.partner_id || '|' || c.location) AS series
FROM classified c
JOIN complete_series k
  ON k.partner_id = c.partner_id
 AND k.location = c.location
 AND k.channel = c.channel
 AND k.region_code = c.region_code
WHERE c.period_window IS NOT NULL
GROUP BY c.channel, c.region_code, c.role, c.period_window
ORDER BY c.channel, c.region_code, c.period_window
