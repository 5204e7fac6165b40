-- Actuals of a campaign's total and rate goals, beside their targets: the same comparison an
-- analyst gets in the Athena console. Uplift and lift goals need statistics and are filled in
-- by the analysis (actual is NULL here).
-- A goal limited to some regions sums only those; otherwise ad metrics sum over all regions the
-- ads reached and service-demand channels over the targeted regions.
-- Parameters: campaign id (goals), campaign id (ad campaigns), first month, last month,
-- first day, last day, breakdown, granularity, campaign id (regions), first year, last year,
-- first day, last day.
WITH goals AS (
  SELECT goal_id, kind, metric, target, direction, regions, partly_at
  FROM campaign_goals
  WHERE campaign = ?
),
ads AS (
  SELECT
    region_code,
    sum(impressions) AS impressions,
    sum(reach) AS reach,
    sum(clicks) AS clicks,
    sum(link_clicks) AS link_clicks,
    sum(spend_micros) AS spend_micros,
    sum(results) AS results,
    sum(video_views) AS video_views,
    sum(engagements) AS engagements
  FROM (
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
  ) matched
  GROUP BY region_code
),
demand AS (
  SELECT s.region_code, r.role, s.channel, sum(s.count) AS total
  FROM service_demand s
  JOIN campaign_regions r
    ON r.region_code = s.region_code
  WHERE r.campaign = ?
    AND s.year BETWEEN ? AND ?
    AND s.period_start >= CAST(? AS DATE)
    AND date_add('day', s.period_days - 1, s.period_start) <= CAST(? AS DATE)
  GROUP BY s.region_code, r.role, s.channel
),
in_goal_ads AS (
  SELECT g.goal_id, a.*
  FROM goals g
  JOIN ads a
    ON g.regions = '' OR strpos(',' || g.regions || ',', ',' || a.region_code || ',') > 0
),
ad_sums AS (
  SELECT
    goal_id,
    CAST(sum(impressions) AS DOUBLE) AS impressions,
    CAST(sum(reach) AS DOUBLE) AS reach,
    CAST(sum(clicks) AS DOUBLE) AS clicks,
    CAST(sum(link_clicks) AS DOUBLE) AS link_clicks,
    CAST(sum(spend_micros) AS DOUBLE) / 1000000 AS spend,
    CAST(sum(results) AS DOUBLE) AS results,
    CAST(sum(video_views) AS DOUBLE) AS video_views,
    CAST(sum(engagements) AS DOUBLE) AS engagements
  FROM in_goal_ads
  GROUP BY goal_id
),
demand_sums AS (
  SELECT g.goal_id, CAST(sum(d.total) AS DOUBLE) AS total
  FROM goals g
  JOIN demand d
    ON d.channel = g.metric
   AND ((g.regions = '' AND d.role = 'targeted') OR strpos(',' || g.regions || ',', ',' || d.region_code || ',') > 0)
  GROUP BY g.goal_id
)
SELECT
  g.goal_id,
  g.kind,
  g.metric,
  g.target,
  g.direction,
  g.partly_at,
  CASE
    WHEN g.kind = 'total' AND g.metric = 'impressions' THEN a.impressions
    WHEN g.kind = 'total' AND g.metric = 'reach' THEN a.reach
    WHEN g.kind = 'total' AND g.metric = 'clicks' THEN a.clicks
    WHEN g.kind = 'total' AND g.metric = 'link_clicks' THEN a.link_clicks
    WHEN g.kind = 'total' AND g.metric = 'spend' THEN a.spend
    WHEN g.kind = 'total' AND g.metric = 'results' THEN a.results
    WHEN g.kind = 'total' AND g.metric = 'video_views' THEN a.video_views
    WHEN g.kind = 'total' AND g.metric = 'engagements' THEN a.engagements
    WHEN g.kind = 'total' THEN d.total
    WHEN g.kind = 'rate' AND g.metric = 'ctr' AND a.impressions > 0 THEN 100 * a.link_clicks / a.impressions
    WHEN g.kind = 'rate' AND g.metric = 'cpm' AND a.impressions > 0 THEN 1000 * a.spend / a.impressions
    WHEN g.kind = 'rate' AND g.metric = 'cpc' AND a.link_clicks > 0 THEN a.spend / a.link_clicks
  END AS actual,
  CASE WHEN g.kind = 'total' AND d.total IS NOT NULL THEN 'service_demand' ELSE 'ad_delivery' END AS source
FROM goals g
LEFT JOIN ad_sums a ON a.goal_id = g.goal_id
LEFT JOIN demand_sums d ON d.goal_id = g.goal_id
ORDER BY g.goal_id
