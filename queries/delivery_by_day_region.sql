-- Ad delivery of one platform's chosen kind of rows (see delivery_kinds.sql) per day, region and
-- currency; the analysis adds platforms up by day (the chart) and by region (the table).
-- Sums stay NULL when the export had no such column, so "not in the export" never reads as 0.
-- One row per currency, so spend in another currency is converted (or refused), never added as is.
-- Whole-period rows are taken only with the exact dates chosen (period start, period end), so a
-- shorter export inside a longer one is never added to it.
-- Parameters: campaign id, first month, last month, platform, breakdown, granularity,
-- first day, last day, period start, period end (daily rows: the first and last day again).
WITH matched AS (
  SELECT DISTINCT d.*
  FROM ad_delivery d
  JOIN campaign_ad_campaigns m
    ON d.platform = m.platform
   AND (d.campaign_name LIKE m.name_like OR d.campaign_ref = m.campaign_ref)
  WHERE m.campaign = ?
    AND d.month BETWEEN ? AND ?
    AND d.platform = ?
    AND d.breakdown = ?
    AND d.granularity = ?
    AND d.date_start >= CAST(? AS DATE)
    AND d.date_end <= CAST(? AS DATE)
    AND (d.granularity = 'day' OR (d.date_start = CAST(? AS DATE) AND d.date_end = CAST(? AS DATE)))
)
SELECT
  date_start AS day,
  region_code AS region,
  currency,
  sum(impressions) AS impressions,
  sum(reach) AS reach,
  sum(clicks) AS clicks,
  sum(link_clicks) AS link_clicks,
  sum(spend_micros) AS spend_micros,
  sum(results) AS results,
  sum(video_views) AS video_views,
  sum(engagements) AS engagements
FROM matched
GROUP BY date_start, region_code, currency
ORDER BY date_start, region_code, currency
