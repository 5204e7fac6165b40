-- The replacement rule for partner counts: for each period key (partner, region, location,
-- channel, period start, period length) the row of the newest live upload that contains the key.
-- `year` is in the PARTITION BY (it follows from period_start) so filters on it reach the files.
SELECT partner_id, region_code, location, channel, period_start, period_days, count, source_key, upload_id, upload_seq, year
FROM (
  SELECT v.*, row_number() OVER (
      PARTITION BY year, partner_id, region_code, location, channel, period_start, period_days
      ORDER BY upload_seq DESC, upload_id DESC) AS version_rank
  FROM service_demand_versions v
  WHERE v.upload_id IN (SELECT upload_id FROM live_uploads WHERE dataset = 'service_demand')
) ranked
WHERE version_rank = 1
