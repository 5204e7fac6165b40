-- Which weeks of the baseline each partner reported, per channel and region, for the pre-launch
-- readiness report. Days reported per week, never counts of contacts (a count of people is
-- sensitive; coverage is what a readiness check needs). Weeks start on Monday.
-- Also used for the "data received up to" stamp per partner.
-- Parameters: campaign id, first year, last year (YYYY), first day, last day.
-- Sums are cast to BIGINT: DuckDB's sum of BIGINT is a HUGEINT, which is read far more slowly.
SELECT
  s.partner_id AS partner,
  s.channel,
  s.region_code AS region,
  r.role,
  CAST(date_trunc('week', s.period_start) AS DATE) AS week_start,
  CAST(sum(s.period_days) AS BIGINT) AS days,
  max(date_add('day', s.period_days - 1, s.period_start)) AS last_day
FROM service_demand s
JOIN campaign_regions r
  ON r.region_code = s.region_code
WHERE r.campaign = ?
  AND s.year BETWEEN ? AND ?
  AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY s.partner_id, s.channel, s.region_code, r.role, CAST(date_trunc('week', s.period_start) AS DATE)
ORDER BY s.partner_id, s.channel, s.region_code, week_start
