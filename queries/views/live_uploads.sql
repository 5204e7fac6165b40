-- Uploads whose rows readers see: committed (the commit is written after the data files) and not
-- withdrawn. IN / NOT IN make a repeated event (an event file and its compacted copy) count once.
SELECT upload_id, dataset
FROM upload_events
WHERE event = 'commit'
  AND upload_id NOT IN (SELECT upload_id FROM upload_events WHERE event = 'withdraw')
