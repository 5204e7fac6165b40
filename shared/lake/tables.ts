/**
 * Column definitions of every curated table. The Parquet writer, the DuckDB views and the
 * Glue tables in infra/ are all generated from these, so they cannot drift apart.
 */
export type ColumnType = 'string' | 'date' | 'bigint' | 'int' | 'double';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** false when every row must have a value */
  nullable: boolean;
  comment: string;
}

export interface TableDef {
  name: string;
  comment: string;
  /** Hive partition column (in the object key, not in the file), always a string. */
  partitionKey: { name: string; comment: string; kind: 'month' | 'year' | 'campaign' | 'dataset' };
  columns: ColumnDef[];
  /**
   * Set for append-only tables: the files hold every version of every row (table `storage`), and
   * `name` is a view that returns, per period key (`key`), the row of the newest live upload.
   */
  versioned?: { storage: string; key: string[] };
}

const col = (name: string, type: ColumnType, comment: string, nullable = true): ColumnDef => ({ name, type, nullable, comment });

/** Every row of an append-only table says which upload it came from. */
const UPLOAD_COLUMNS: ColumnDef[] = [
  col('upload_id', 'string', 'upload the row came from (see upload_events)', false),
  col('upload_seq', 'bigint', 'order of the upload: the newest live upload wins per period key', false),
];

export const AD_DELIVERY: TableDef = {
  name: 'ad_delivery',
  comment: 'Ad-platform delivery rows, one per platform row after normalisation',
  partitionKey: { name: 'month', comment: 'YYYY-MM of date_start', kind: 'month' },
  columns: [
    col('platform', 'string', 'meta, google or tiktok', false),
    col('campaign_name', 'string', 'ad-platform campaign name', false),
    col('campaign_ref', 'string', 'ad-platform campaign id, when the export has it'),
    col('ad_set_name', 'string', 'ad set / ad group'),
    col('ad_name', 'string', 'ad'),
    col('region_code', 'string', 'ISO 3166-2 or 3166-1 code; ZZ for an explicit unknown region', false),
    col('region_name', 'string', 'region as written in the export'),
    col('breakdown', 'string', 'breakdown dimensions of the export, e.g. region or region,age,gender', false),
    col('age', 'string', 'age bucket when broken down by age'),
    col('gender', 'string', 'gender when broken down by gender'),
    col('segment', 'string', 'value of a breakdown with no column of its own: the placement, or the keyword'),
    col('granularity', 'string', 'day when the row covers one day, period when it spans several', false),
    col('date_start', 'date', 'first local date the row covers', false),
    col('date_end', 'date', 'last local date the row covers', false),
    col('impressions', 'bigint', 'impressions'),
    col('reach', 'bigint', 'reach over the row period (not additive over days)'),
    col('clicks', 'bigint', 'clicks (all)'),
    col('link_clicks', 'bigint', 'link clicks'),
    col('spend_micros', 'bigint', 'spend in millionths of the currency unit, exact'),
    col('currency', 'string', 'ISO 4217 currency of spend', false),
    col('results', 'bigint', 'results as the platform counts them'),
    col('video_views', 'bigint', 'video views / ThruPlays'),
    col('engagements', 'bigint', 'post engagements'),
    col('source_key', 'string', 'raw/ object the row came from', false),
    ...UPLOAD_COLUMNS,
  ],
  versioned: {
    storage: 'ad_delivery_versions',
    key: ['platform', 'campaign_ref', 'campaign_name', 'ad_set_name', 'ad_name', 'breakdown', 'region_code', 'region_name', 'age', 'gender', 'segment', 'granularity', 'date_start', 'date_end'],
  },
};

export const SERVICE_DEMAND: TableDef = {
  name: 'service_demand',
  comment: 'Partner service-demand counts per region, channel and day or week',
  // By year, not month: partner data is small, and a partner's two-year upload would otherwise
  // be 24 tiny files, which costs more to open than to read.
  partitionKey: { name: 'year', comment: 'YYYY of period_start', kind: 'year' },
  columns: [
    col('partner_id', 'string', 'partner organisation id', false),
    col('region_code', 'string', 'ISO 3166-2 or 3166-1 code', false),
    col('location', 'string', 'site or service name within the region'),
    col('channel', 'string', 'helpline_calls, drop_in_visits, referrals, ...', false),
    col('period_start', 'date', 'first local date of the period', false),
    col('period_days', 'int', '1 for a day, 7 for a week', false),
    col('count', 'bigint', 'number of contacts in the period', false),
    col('source_key', 'string', 'raw/ object the row came from', false),
    ...UPLOAD_COLUMNS,
  ],
  versioned: { storage: 'service_demand_versions', key: ['partner_id', 'region_code', 'location', 'channel', 'period_start', 'period_days'] },
};

/**
 * The upload log: one small file per event. A `commit` row makes an upload's rows visible (its data
 * files are written first); a `withdraw` row hides them again. A file is written in one atomic
 * PUT, so an upload is either wholly visible or absent.
 */
export const UPLOAD_EVENTS: TableDef = {
  name: 'upload_events',
  comment: 'Commits and withdrawals of uploads to the append-only tables',
  partitionKey: { name: 'dataset', comment: 'table the upload belongs to: service_demand or ad_delivery', kind: 'dataset' },
  columns: [
    col('upload_id', 'string', 'upload the event is about', false),
    col('upload_seq', 'bigint', 'order of uploads: microseconds since 1970 at ingest; newest wins', false),
    col('event', 'string', 'commit or withdraw', false),
    col('owner', 'string', 'partner id, or the uploader of an ad export', false),
    col('raw_key', 'string', 'raw/ object the upload was read from', false),
    col('sha256', 'string', 'SHA-256 of the raw object', false),
    col('file_name', 'string', 'file name as uploaded'),
    col('format', 'string', 'format the file was read as'),
    col('rows', 'bigint', 'rows in the upload'),
    col('replaced', 'bigint', 'earlier counts (period keys) the upload replaced when it was committed'),
    col('periods', 'string', 'first and last period of the upload, YYYY-MM-DD..YYYY-MM-DD'),
    col('replaced_periods', 'string', 'comma-separated period starts whose earlier counts were replaced'),
    col('reason', 'string', 'why: e.g. withdrawn by a partner, reprocessed as a newer upload'),
    col('options', 'string', 'ingest options the upload was read with (format, currency, period), as JSON, so it can be reprocessed alike'),
    col('at', 'string', 'UTC time of the event, ISO 8601', false),
  ],
};

export const CAMPAIGNS: TableDef = {
  name: 'campaigns',
  comment: 'Registered campaigns, one row each',
  partitionKey: { name: 'campaign', comment: 'campaign id', kind: 'campaign' },
  columns: [
    col('campaign_id', 'string', 'campaign id', false),
    col('name', 'string', 'campaign name', false),
    col('timezone', 'string', 'IANA time zone of the campaign dates', false),
    col('start_date', 'date', 'first campaign day', false),
    col('end_date', 'date', 'last campaign day', false),
    col('baseline_start', 'date', 'first baseline day', false),
    col('baseline_end', 'date', 'last baseline day', false),
    col('currency', 'string', 'reporting currency', false),
  ],
};

export const CAMPAIGN_GOALS: TableDef = {
  name: 'campaign_goals',
  comment: 'Pre-set campaign goals, one row per goal',
  partitionKey: { name: 'campaign', comment: 'campaign id', kind: 'campaign' },
  columns: [
    col('campaign_id', 'string', 'campaign id', false),
    col('goal_id', 'string', 'goal id within the campaign', false),
    col('kind', 'string', 'total, rate, uplift or lift', false),
    col('metric', 'string', 'metric or service-demand channel', false),
    col('target', 'double', 'target value (rates: ctr percent, cpm and cpc in campaign currency; uplift and lift in percent)', false),
    col('direction', 'string', 'at_least or at_most', false),
    col('regions', 'string', 'comma-separated region codes the goal is limited to; empty for all targeted regions', false),
    col('partly_at', 'double', 'share of the target that counts as partly met', false),
  ],
};

export const CAMPAIGN_REGIONS: TableDef = {
  name: 'campaign_regions',
  comment: 'Regions of each campaign and their role',
  partitionKey: { name: 'campaign', comment: 'campaign id', kind: 'campaign' },
  columns: [
    col('campaign_id', 'string', 'campaign id', false),
    col('region_code', 'string', 'ISO 3166-2 or 3166-1 code', false),
    col('role', 'string', 'targeted or control', false),
  ],
};

export const CAMPAIGN_AD_CAMPAIGNS: TableDef = {
  name: 'campaign_ad_campaigns',
  comment: 'Which ad-platform campaigns belong to each campaign',
  partitionKey: { name: 'campaign', comment: 'campaign id', kind: 'campaign' },
  columns: [
    col('campaign_id', 'string', 'campaign id', false),
    col('platform', 'string', 'meta, google or tiktok', false),
    col('name_like', 'string', 'SQL LIKE pattern on campaign_name; empty when matched by id', false),
    col('campaign_ref', 'string', 'ad-platform campaign id; empty when matched by name', false),
  ],
};

export const TABLES: readonly TableDef[] = [AD_DELIVERY, SERVICE_DEMAND, UPLOAD_EVENTS, CAMPAIGNS, CAMPAIGN_GOALS, CAMPAIGN_REGIONS, CAMPAIGN_AD_CAMPAIGNS];

/** Column values of one row, keyed by column name. Dates are YYYY-MM-DD strings. */
export type Row = Record<string, string | number | null>;

/** The tables an upload appends to. */
export type Dataset = 'service_demand' | 'ad_delivery';

/** Name of the folder and physical table holding a table's files. */
export function storageName(table: TableDef): string {
  return table.versioned?.storage ?? table.name;
}
