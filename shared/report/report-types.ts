import type { LiftResult } from '../analysis/lift/types.ts';

/**
 * report.json: the post-campaign analysis. It keeps exact figures (internal); report.md and
 * report.html are rendered from it and suppress small counts.
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
  impressions: number;
  clicks: number;
  link_clicks: number;
  spend: number;
}

export interface Delivery {
  impressions: number;
  clicks: number;
  link_clicks: number;
  /** In the campaign currency; null when spend in another currency has no exchange rate. */
  spend: number | null;
  currency: string;
  /** Reach is not additive over days: `period` comes from a whole-period export; `daily_sum_upper_bound` is only an upper bound. */
  reach: { value: number | null; kind: 'period' | 'daily_sum_upper_bound' | 'none' };
  ctr: number | null;
  cpm: number | null;
  cpc: number | null;
  days: DeliveryDay[];
  byRegion: { region: string; impressions: number; clicks: number; link_clicks: number; spend: number | null }[];
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
  baselineDays: number;
  campaignDays: number;
  /** (campaign / campaignDays) / (baseline / baselineDays); null when it cannot be estimated */
  rateRatio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  note?: string;
}

export interface DemandSeries {
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  weeks: { weekStart: string; count: number; days: number }[];
}

/** Geo lift of one channel over one window (the campaign, or a follow-up). */
export interface CampaignLift {
  channel: string;
  window: 'campaign' | 'follow_up';
  start: string;
  end: string;
  result: LiftResult;
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
    regions: { targeted: string[]; control: string[] };
    followUps: { label: string; asOf: string }[];
  };
  goals: GoalResult[];
  delivery: Delivery;
  serviceDemand: DemandComparison[];
  demandSeries: DemandSeries[];
  /** Geo-lift results per channel and window, when the campaign has control regions. */
  lift?: CampaignLift[];
  narrative: string[];
  caveats: string[];
}
