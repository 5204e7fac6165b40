-- Ad delivery of a campaign per day and region, for one kind of rows (see delivery_kinds.sql);
-- the analysis adds it up by day (the chart) and by region (the table).
-- One row per currency, so spend in another currency is converted (or refused), never added as is.
-- Parameters: campaign id, first month, last month, first day, last day, breakdown, granularity.
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
    AND d.breakdown = ?
    AND d.granularity = ?
)
SELECT
  date_start AS day,
  region_code AS region,
  currency,
  coalesce(sum(impressions), 0) AS impressions,
  coalesce(sum(clicks), 0) AS clicks,
  coalesce(sum(link_clicks), 0) AS link_clicks,
  coalesce(sum(spend_micros), 0) AS spend_micros
FROM matched
GROUP BY date_start, region_code, currency
ORDER BY date_start, region_code, currency
