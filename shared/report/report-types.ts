import type { DataCompleteness } from '../analysis/completeness.ts';
import type { Contamination } from '../analysis/contamination.ts';
import type { LiftResult } from '../analysis/lift/types.ts';
import type { Readiness } from '../analysis/readiness.ts';
import type { ValueForMoney } from '../analysis/value-for-money.ts';
import type { FollowUpView } from '../analysis/follow-up-view.ts';

/**
 * report.json: the post-campaign analysis. It keeps exact figures (internal); report.md and
 * report.html are rendered from its protected copy (disclosure/protect.ts), never from it.
 */
export type GoalStatus = 'met' | 'partly' | 'missed' | 'pending' | 'insufficient_data';

export interface GoalResult {
  id: string;
  label: string;
  kind: 'total' | 'rate' | 'uplift' | 'lift';
  /** metric (impressions, ctr...) or service-demand channel (helpline_calls...) */
  metric: string;
  direction: 'at_least' | 'at_most';
  target: number;
  actual: number | null;
  /** actual / target (target / actual for at_most goals); null when actual is unknown */
  attainment: number | null;
  status: GoalStatus;
  /** Limited to these regions; empty = all targeted regions. */
  regions: string[];
  /** While the campaign runs: the value projected to the end date at the current rate. */
  pacing?: { elapsedDays: number; totalDays: number; projected: number; projectedAttainment: number };
  /** Plain-words explanation, e.g. why data is insufficient. */
  note?: string;
}

export interface DeliveryDay {
  date: string;
  impressions: number | null;
  clicks: number | null;
  link_clicks: number | null;
  spend: number | null;
}

/**
 * Reach. It is not additive over days: `period` comes from a whole-period export;
 * `daily_sum_upper_bound` (a sum of daily reach) and `platforms_sum_upper_bound` (people may see
 * ads on several platforms) are only upper bounds. `platforms` lists those that exported reach.
 */
export interface DeliveryReach {
  value: number | null;
  kind: 'period' | 'daily_sum_upper_bound' | 'platforms_sum_upper_bound' | 'none';
  platforms?: string[];
}

/** Additive delivery metrics; null = not in the export (never 0). Spend in the campaign currency. */
export interface DeliveryTotals {
  impressions: number | null;
  clicks: number | null;
  link_clicks: number | null;
  spend: number | null;
  results?: number | null;
  video_views?: number | null;
  engagements?: number | null;
}

/** One kind of rows a platform exported, and what it was used for. */
export interface DeliveryExport {
  /** e.g. "daily rows by region", "whole-period rows by region (1 October to 30 November 2026)" */
  rows: string;
  breakdown: string;
  granularity: 'day' | 'period';
  firstDay: string;
  lastDay: string;
  rowCount: number;
  /** Metrics the export contained (columns it lacked are left out, never read as 0). */
  metrics: string[];
  use: 'totals' | 'reach' | 'totals_and_reach' | 'not_used';
  reason?: string;
}

/** One platform's delivery, from its own best kind of rows. */
export interface PlatformDelivery extends DeliveryTotals {
  platform: string;
  reach: DeliveryReach;
  ctr: number | null;
  cpm: number | null;
  cpc: number | null;
  /** Rows used for the totals, or null when none of the platform's rows match the campaign. */
  totalsFrom: string | null;
  /** False when the rows have no region breakdown: delivery then is matched by ad campaign only. */
  regional: boolean;
  /** Last day of delivery data received from this platform. */
  dataUpTo: string | null;
  exports: DeliveryExport[];
}

/**
 * Delivery: per platform, then combined. A combined metric adds the platforms that exported it
 * (`platformsOf` says which); rates use only platforms that have both parts.
 */
export interface Delivery extends DeliveryTotals {
  currency: string;
  reach: DeliveryReach;
  ctr: number | null;
  cpm: number | null;
  cpc: number | null;
  /** metric -> platforms the combined figure includes (absent metric: none exported it) */
  platformsOf?: Record<string, string[]>;
  platforms?: PlatformDelivery[];
  /** Days of daily rows, added across the platforms that have them (`dayPlatforms`). */
  days: DeliveryDay[];
  dayPlatforms?: string[];
  /** Regions of the platforms with a region breakdown (`regionPlatforms`). */
  byRegion: { region: string; impressions: number | null; clicks: number | null; link_clicks: number | null; spend: number | null; reach?: number | null }[];
  regionPlatforms?: string[];
}

/** A service-demand comparison, campaign (or follow-up) window versus baseline. */
export interface DemandComparison {
  channel: string;
  /** ISO region code, or `targeted` / `control` for the pooled regions of that role */
  region: string;
  role: 'targeted' | 'control';
  window: 'campaign' | 'follow_up';
  baseline: number;
  /** count in the compared window (named campaign for the report contract, also for follow-ups) */
  campaign: number;
  /** series-days reported in each window (a region with two partners counts each partner's days) */
  baselineDays: number;
  campaignDays: number;
  /** the compared-window count expected at each series' baseline rate over the days it reported */
  expected?: number | null;
  /** additive exposures (expected counts under no change), so regions can be pooled */
  exposure?: { baseline: number; compared: number; effectiveBaseline?: number };
  /** Pearson chi² and degrees of freedom of the baseline weeks, and the variance scale applied (1 = Poisson) */
  dispersion?: { chi2: number; df: number; scale: number };
  /** which interval: the exact conditional test, or its quasi-Poisson widening */
  interval?: 'exact' | 'quasi-poisson';
  /** the statistical method in plain words */
  method?: string;
  /** number of series (partner + location) counted */
  series?: number;
  /** campaign / expected; null when it cannot be estimated */
  rateRatio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  note?: string;
  /** Set in a shared copy when a count is hidden: the change, interval and p-value are not shown. */
  withheld?: boolean;
}

export interface DemandSeries {
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  weeks: { weekStart: string; count: number; days: number }[];
  /** weeks of the chart's range not drawn: some partner series of the region did not report all of it */
  missingWeeks?: string[];
}

/** Geo lift of one channel over one window (the campaign, or a follow-up). */
export interface CampaignLift {
  channel: string;
  window: 'campaign' | 'follow_up';
  start: string;
  end: string;
  result: LiftResult;
  /** Set in a shared copy: the statistics would give back a hidden count. */
  withheld?: boolean;
  /** Set in a shared copy: the charts would show a hidden period. */
  chartsWithheld?: boolean;
}

export interface Report {
  schemaVersion: 1;
  internal: true;
  notice: string;
  generatedAt: string;
  asOf: string;
  phase: 'not_started' | 'running' | 'post' | 'follow_up';
  followUp?: { label: string; asOf: string; window: { start: string; end: string } };
  campaign: {
    id: string;
    name: string;
    timezone: string;
    start: string;
    end: string;
    baseline: { start: string; end: string };
    currency: string;
    /** ISO codes; `groups` names sets of them as the campaign file declared ("Cambridgeshire including Peterborough") */
    regions: { targeted: string[]; control: string[]; groups?: Record<string, string[]> };
    followUps: { label: string; asOf: string }[];
  };
  goals: GoalResult[];
  delivery: Delivery;
  serviceDemand: DemandComparison[];
  demandSeries: DemandSeries[];
  /** Geo-lift results per channel and window, when the campaign has control regions. */
  lift?: CampaignLift[];
  /** At a follow-up: the campaign, earlier follow-ups and this one side by side. */
  followUpView?: FollowUpView;
  /** Cost per additional contact, per 1,000 reached, optional SROI-style value, with every assumption. */
  valueForMoney?: ValueForMoney;
  /** Before launch: baseline coverage, control fit, minimum detectable lift. */
  readiness?: Readiness;
  /** Last day of data received from each source (ad platforms and partners). */
  dataReceived?: { source: string; kind: 'ad_platform' | 'partner'; upTo: string }[];
  /** Which partner series reported which weeks, and what was left out of the statistics and why. */
  completeness?: DataCompleteness;
  /** How the baseline was chosen, in plain words. */
  baselineNote?: string;
  /** Control regions the ads reached (and targeted regions they did not), from delivery by region. */
  contamination?: Contamination;
  narrative: string[];
  caveats: string[];
}
