-- The last day each partner's counts cover in a campaign's regions, for the report's "data
-- received up to" stamps: one row per partner, never a count of contacts.
-- Parameters: campaign id, first year, last year (YYYY), first day, last day.
SELECT
  s.partner_id AS partner,
  max(date_add('day', s.period_days - 1, s.period_start)) AS last_day
FROM service_demand s
JOIN campaign_regions r
  ON r.region_code = s.region_code
WHERE r.campaign = ?
  AND s.year BETWEEN ? AND ?
  AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY s.partner_id
ORDER BY s.partner_id
