-- Service-demand rows of every series (partner + location + channel) in a campaign's targeted and
-- control regions, as reported: no sums, so the analysis knows which periods each series reported
-- (a missing period is never read as zero) and can bring daily and weekly rows to one grain.
-- Parameters: campaign id, channel ('' for every channel), the same channel, first year, last year
-- (YYYY), first day, last day.
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
ORDER BY s.channel, s.region_code, s.partner_id, location, s.period_start
