-- Date ranges of every registered campaign, so planning can leave campaign periods out of the
-- history it simulates on (a past campaign's own effect would otherwise look like noise).
-- Parameters: none.
SELECT
  campaign_id,
  start_date,
  end_date
FROM campaigns
ORDER BY start_date
