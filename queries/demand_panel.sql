-- Outcome panel for geo lift: one channel's counts per region and period start (day or week),
-- for the campaign's targeted and control regions.
-- Parameters: campaign id, channel, first year, last year (YYYY), first day, last day.
SELECT
  s.region_code AS location,
  r.role,
  s.period_start AS period_start,
  sum(s.count) AS value
FROM service_demand s
JOIN campaign_regions r
  ON r.region_code = s.region_code
WHERE r.campaign = ?
  AND s.channel = ?
  AND s.year BETWEEN ? AND ?
  AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY s.region_code, r.role, s.period_start
ORDER BY s.region_code, s.period_start
