-- The replacement rule for ad delivery: for each key (platform, campaign, ad set, ad, breakdown
-- and its values (region, age, gender, placement or keyword), granularity and dates) the row of the newest live upload that contains it.
SELECT platform, campaign_name, campaign_ref, ad_set_name, ad_name, region_code, region_name, breakdown, age, gender,
       segment, granularity, date_start, date_end, impressions, reach, clicks, link_clicks, spend_micros, currency, results,
       video_views, engagements, source_key, upload_id, upload_seq, month
FROM (
  SELECT v.*, row_number() OVER (
      PARTITION BY month, platform, campaign_ref, campaign_name, ad_set_name, ad_name, breakdown, region_code, region_name,
                   age, gender, segment, granularity, date_start, date_end
      ORDER BY upload_seq DESC, upload_id DESC) AS version_rank
  FROM ad_delivery_versions v
  WHERE v.upload_id IN (SELECT upload_id FROM live_uploads WHERE dataset = 'ad_delivery')
) ranked
WHERE version_rank = 1
