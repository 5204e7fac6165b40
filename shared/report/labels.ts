/**
 * Plain-words labels for codes that appear in report.json (statuses, phases, metrics, channels, regions).
 */
import { iso31662 } from 'iso-3166';
import { englishNames } from '../geo/subdivision-names.ts';
import type { GoalStatus, Report } from './report-types.ts';

/** Status words used in goal tables; the HTML badge shows the same word. */
export const STATUS_LABEL: Record<GoalStatus, string> = {
  met: 'Met',
  partly: 'Partly met',
  missed: 'Missed',
  pending: 'Pending',
  insufficient_data: 'Not enough data',
};

/** Phase in a sentence: "Campaign running", "Post-campaign", ... */
export const PHASE_LABEL: Record<Report['phase'], string> = {
  not_started: 'Not started',
  running: 'Campaign running',
  post: 'Post-campaign',
  follow_up: 'Follow-up',
};

const METRIC_LABEL: Record<string, string> = {
  impressions: 'Impressions',
  reach: 'Reach',
  clicks: 'Clicks (all)',
  link_clicks: 'Link clicks',
  spend: 'Spend',
  results: 'Results',
  video_views: 'Video views',
  engagements: 'Engagements',
  ctr: 'Click-through rate (CTR)',
  cpm: 'Cost per 1,000 impressions (CPM)',
  cpc: 'Cost per link click (CPC)',
  helpline_calls: 'Helpline calls',
  drop_in_visits: 'Drop-in visits',
  referrals: 'Referrals',
};

/** "helpline_calls" -> "Helpline calls"; known ad metrics get their usual names. */
export function metricLabel(metric: string): string {
  const known = METRIC_LABEL[metric];
  if (known) return known;
  const words = metric.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// English names (CLDR) where they exist: "Lombardy", not "Lombardia"; else the ISO name.
const SUBDIVISIONS = new Map(iso31662.map((s) => [s.code, englishNames().get(s.code) ?? s.name]));

/**
 * A region for people: "Lincolnshire (GB-LIN)"; pooled roles get words; unknown text is kept as is
 * (it is escaped by the renderer, never trusted).
 */
export function regionLabel(region: string): string {
  if (region === 'targeted') return 'Targeted regions (pooled)';
  if (region === 'control') return 'Control regions (pooled)';
  if (region === 'ZZ') return 'Unknown region (ZZ)';
  const name = SUBDIVISIONS.get(region);
  return name ? `${name} (${region})` : region;
}

/** Short region name for chart legends: "Lincolnshire". */
export function regionShortLabel(region: string): string {
  if (region === 'targeted') return 'Targeted (pooled)';
  if (region === 'control') return 'Control (pooled)';
  return SUBDIVISIONS.get(region) ?? region;
}
