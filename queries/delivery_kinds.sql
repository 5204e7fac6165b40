-- Kinds of ad rows a campaign has, per platform: breakdown x granularity and, for whole-period
-- rows, their exact dates. Rows are kept when they overlap the campaign's dates; the analysis
-- then uses, per platform, one kind for additive metrics (never an age/gender export on top of
-- a region export) and a whole-period kind that covers the campaign for reach. The non-empty
-- counts say which metrics the export contained: a column the platform did not export is NULL
-- in every row, never 0.
-- Months start up to 3 months before the campaign, so a period export that starts earlier and
-- brackets the campaign is found.
-- Parameters: campaign id, first month, last month (YYYY-MM), first day, last day.
WITH matched AS (
  SELECT DISTINCT d.*
  FROM ad_delivery d
  JOIN campaign_ad_campaigns m
    ON d.platform = m.platform
   AND (d.campaign_name LIKE m.name_like OR d.campaign_ref = m.campaign_ref)
  WHERE m.campaign = ?
    AND d.month BETWEEN ? AND ?
    AND d.date_end >= CAST(? AS DATE)
    AND d.date_start <= CAST(? AS DATE)
)
SELECT
  platform,
  breakdown,
  granularity,
  CASE WHEN granularity = 'period' THEN date_start END AS period_start,
  CASE WHEN granularity = 'period' THEN date_end END AS period_end,
  count(*) AS row_count,
  min(date_start) AS first_day,
  max(date_end) AS last_day,
  count(impressions) AS has_impressions,
  count(reach) AS has_reach,
  count(clicks) AS has_clicks,
  count(link_clicks) AS has_link_clicks,
  count(spend_micros) AS has_spend,
  count(results) AS has_results,
  count(video_views) AS has_video_views,
  count(engagements) AS has_engagements,
  sum(reach) AS reach,
  count(DISTINCT region_code) AS regions
FROM matched
GROUP BY
  platform,
  breakdown,
  granularity,
  CASE WHEN granularity = 'period' THEN date_start END,
  CASE WHEN granularity = 'period' THEN date_end END
ORDER BY platform, breakdown, granularity, period_start, period_end
