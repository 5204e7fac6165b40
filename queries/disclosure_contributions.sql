-- Who contributed to each weekly cell of a campaign's service demand: per channel, region, week
-- (Monday) and partner, the count. Used only by the disclosure step (partner rules), never shown.
-- Parameters: campaign id, first year, last year (YYYY), first day, last day.
-- The channel is given on its first row only (NULL below it, rows in the order of ORDER BY): a
-- name longer than 12 bytes repeated on every row is most of the cost of reading the answer.
-- Sums are cast to BIGINT: DuckDB's sum of BIGINT is a HUGEINT, which is read far more slowly.
SELECT
  CASE WHEN lag(s.channel) OVER (ORDER BY s.channel, s.region_code, CAST(date_trunc('week', s.period_start) AS DATE), s.partner_id) = s.channel THEN NULL ELSE s.channel END AS channel,
  s.region_code AS region,
  CAST(date_trunc('week', s.period_start) AS DATE) AS week_start,
  s.partner_id,
  CAST(sum(s.count) AS BIGINT) AS total
FROM service_demand s
JOIN campaign_regions r
  ON r.region_code = s.region_code
WHERE r.campaign = ?
  AND s.year BETWEEN ? AND ?
  AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY s.channel, s.region_code, CAST(date_trunc('week', s.period_start) AS DATE), s.partner_id
ORDER BY s.channel, s.region_code, week_start, s.partner_id
