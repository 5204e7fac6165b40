/** Additive ad-delivery metrics, in snake case as they appear in the lake, the CLI and reports. */
export const AD_METRICS = [
  'impressions',
  'reach',
  'clicks',
  'link_clicks',
  'spend',
  'results',
  'video_views',
  'engagements',
] as const;
export type AdMetric = (typeof AD_METRICS)[number];

/** Rate metrics computed from additive ones. ctr in percent, cpm per 1,000 impressions, cpc per link click. */
export const RATE_METRICS = ['ctr', 'cpm', 'cpc'] as const;
export type RateMetric = (typeof RATE_METRICS)[number];

/** For rate goals: whether a higher value is better (ctr) or a lower one (cpm, cpc). */
export const RATE_DIRECTION: Record<RateMetric, 'at_least' | 'at_most'> = {
  ctr: 'at_least',
  cpm: 'at_most',
  cpc: 'at_most',
};

/** Service-demand channels are free snake_case names; these are the ones the template documents. */
export const KNOWN_CHANNELS = ['helpline_calls', 'drop_in_visits', 'referrals'] as const;
export const CHANNEL_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

export function isAdMetric(name: string): name is AdMetric {
  return (AD_METRICS as readonly string[]).includes(name);
}
