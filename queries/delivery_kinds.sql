-- Kinds of ad rows (breakdown x granularity) a campaign has in a date range, with their totals.
-- The analysis picks one kind for additive metrics, so that a region export and an age/gender
-- export of the same campaign are never added together, and a period kind for reach.
-- Parameters: campaign id, first month, last month (YYYY-MM), first day, last day.
WITH matched AS (
  SELECT DISTINCT d.*
  FROM ad_delivery d
  JOIN campaign_ad_campaigns m
    ON d.platform = m.platform
   AND (d.campaign_name LIKE m.name_like OR d.campaign_ref = m.campaign_ref)
  WHERE m.campaign = ?
    AND d.month BETWEEN ? AND ?
    AND d.date_start >= CAST(? AS DATE)
    AND d.date_end <= CAST(? AS DATE)
)
SELECT
  breakdown,
  granularity,
  count(*) AS row_count,
  sum(impressions) AS impressions,
  sum(reach) AS reach,
  sum(clicks) AS clicks,
  sum(link_clicks) AS link_clicks,
  sum(spend_micros) AS spend_micros,
  count(DISTINCT currency) AS currencies,
  min(currency) AS currency,
  min(date_start) AS first_day,
  max(date_end) AS last_day
FROM matched
GROUP BY breakdown, granularity
ORDER BY breakdown, granularity
