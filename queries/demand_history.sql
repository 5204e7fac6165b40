-- History of one service-demand channel per region and period start, for planning a campaign
-- (minimum detectable lift) before it has any regions or dates registered.
-- Parameters: channel, comma-separated region codes ('' for every region).
SELECT
  region_code AS location,
  period_start,
  sum(count) AS value
FROM service_demand
WHERE channel = ?
  AND (? = '' OR strpos(',' || ? || ',', ',' || region_code || ',') > 0)
GROUP BY region_code, period_start
ORDER BY region_code, period_start
