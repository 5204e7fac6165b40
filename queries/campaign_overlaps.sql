-- Other registered campaigns that targeted any of a campaign's regions (targeted or control), with
-- their dates, so a default baseline leaves their periods out: demand then was not "without a campaign".
-- Parameters: campaign id, the same campaign id.
SELECT DISTINCT
  c.campaign_id,
  c.start_date,
  c.end_date,
  o.region_code AS region
FROM campaigns c
JOIN campaign_regions o
  ON o.campaign_id = c.campaign_id
JOIN campaign_regions m
  ON m.region_code = o.region_code
WHERE m.campaign = ?
  AND c.campaign_id <> ?
  AND o.role = 'targeted'
ORDER BY c.start_date, c.campaign_id, region
