-- Service-demand rows of every series (partner + location + channel) in a campaign's targeted and
-- control regions, as reported: no sums, so the analysis knows which periods each series reported
-- (a missing period is never read as zero) and can bring daily and weekly rows to one grain.
-- Shaped to be read column by column at millions of rows: `series` numbers the series (ordered by
-- channel, region, partner, location); their names come on each series' first row only (NULL on
-- the rest), and `day` is the period's first day as days since 1970-01-01 (no date text per row).
-- Parameters: campaign id, channel ('' for every channel), the same channel, first year, last year
-- (YYYY), first day, last day.
WITH reported AS (
  SELECT
    s.partner_id,
    coalesce(s.location, '') AS location,
    s.channel,
    s.region_code AS region,
    r.role,
    s.period_start,
    s.period_days,
    s.count
  FROM service_demand s
  JOIN campaign_regions r
    ON r.region_code = s.region_code
  WHERE r.campaign = ?
    AND (? = '' OR s.channel = ?)
    AND s.year BETWEEN ? AND ?
    AND s.period_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
),
-- A series' first row is its earliest period (then the shortest): the smallest day * 2^31 + days,
-- an order-keeping number since period_days is an INTEGER. Series are numbered on the few series
-- rows, not with a window over every row.
firsts AS (
  SELECT channel, region, partner_id, location,
    min(CAST(date_diff('day', DATE '1970-01-01', period_start) AS BIGINT) * 2147483648 + period_days) AS first_period
  FROM reported
  GROUP BY channel, region, partner_id, location
),
numbered AS (
  SELECT channel, region, partner_id, location, first_period,
    CAST(row_number() OVER (ORDER BY channel, region, partner_id, location) AS INTEGER) AS series
  FROM firsts
),
rows_of_series AS (
  SELECT
    n.series,
    CAST(date_diff('day', DATE '1970-01-01', r.period_start) AS BIGINT) * 2147483648 + r.period_days = n.first_period AS first_row,
    r.partner_id, r.location, r.channel, r.region, r.role, r.period_start, r.period_days, r.count
  FROM reported r
  JOIN numbered n
    ON n.channel = r.channel AND n.region = r.region AND n.partner_id = r.partner_id AND n.location = r.location
)
SELECT
  series,
  CASE WHEN first_row THEN partner_id END AS partner_id,
  CASE WHEN first_row THEN location END AS location,
  CASE WHEN first_row THEN channel END AS channel,
  CASE WHEN first_row THEN region END AS region,
  CASE WHEN first_row THEN role END AS role,
  CAST(date_diff('day', DATE '1970-01-01', period_start) AS INTEGER) AS day,
  period_days,
  count
FROM rows_of_series
ORDER BY series, day, period_days
