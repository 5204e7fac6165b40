-- Actuals of a campaign's service-demand total goals (e.g. helpline calls at least 250), beside
-- their targets: the same comparison an analyst gets in the Athena console. Ad-metric goals use
-- the report's delivery figures (per platform, then combined; see delivery_kinds.sql), so the
-- report states one number per metric; uplift and lift goals need statistics. Their actual is
-- NULL here and filled in by the analysis.
-- A goal limited to some regions sums only those; otherwise the targeted regions.
-- Parameters: campaign id (goals), campaign id (regions), first year, last year, first day, last day.
WITH goals AS (
  SELECT goal_id, kind, metric, target, direction, regions, partly_at
  FROM campaign_goals
  WHERE campaign = ?
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
demand_sums AS (
  SELECT g.goal_id, CAST(sum(d.total) AS DOUBLE) AS total
  FROM goals g
  JOIN demand d
    ON d.channel = g.metric
   AND ((g.regions = '' AND d.role = 'targeted') OR strpos(',' || g.regions || ',', ',' || d.region_code || ',') > 0)
  WHERE g.kind = 'total'
  GROUP BY g.goal_id
)
SELECT
  g.goal_id,
  g.kind,
  g.metric,
  g.target,
  g.direction,
  g.partly_at,
  d.total AS actual,
  CASE WHEN d.total IS NOT NULL THEN 'service_demand' ELSE 'analysis' END AS source
FROM goals g
LEFT JOIN demand_sums d ON d.goal_id = g.goal_id
ORDER BY g.goal_id
