-- Ad delivery of a campaign per region, for one kind of rows (see delivery_kinds.sql).
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
  region_code AS region,
  currency,
  coalesce(sum(impressions), 0) AS impressions,
  coalesce(sum(reach), 0) AS reach,
  coalesce(sum(clicks), 0) AS clicks,
  coalesce(sum(link_clicks), 0) AS link_clicks,
  coalesce(sum(spend_micros), 0) AS spend_micros
FROM matched
GROUP BY region_code, currency
ORDER BY region_code, currency
