-- History of one service-demand channel in every region, series by series (partner + location),
-- for planning a campaign (minimum detectable lift) before it is registered. Regions are chosen
-- in the analysis, so no long region list travels as a parameter.
-- Parameters: channel.
SELECT
  partner_id,
  coalesce(location, '') AS location,
  channel,
  region_code AS region,
  period_start,
  period_days,
  count
FROM service_demand
WHERE channel = ?
ORDER BY region_code, partner_id, location, period_start
