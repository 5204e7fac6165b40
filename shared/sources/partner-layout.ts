/**
 * Which columns of a partner's sheet hold what. Two layouts are understood:
 * - long (the template): one row per period, region and channel: `region, period_start, channel, count`;
 * - wide (what many partners keep): one row per period and area, one column per channel:
 *   `Week commencing, Area, Helpline calls, Referrals`.
 * Header names are matched loosely (case, spaces, underscores) and in the words partners use.
 */
import { CHANNEL_PATTERN } from '../domain/metrics.ts';
import { findColumn, headerKey } from './reader.ts';

/** Column names (and what partners write instead) for each field. */
export const COLUMN_NAMES = {
  region: ['region', 'area', 'region code', 'region name', 'area name', 'county', 'district'],
  start: ['period_start', 'period start', 'week_start', 'week start', 'week starting', 'week commencing', 'week beginning', 'w/c', 'date', 'day', 'week'],
  channel: ['channel'],
  count: ['count'],
  partner: ['partner'],
  location: ['location', 'site', 'location name', 'site name', 'service'],
  period: ['period'],
} as const;

/** Headers in a wide sheet that are not channels: ignored (notes) or checked (a row total). */
const NOT_CHANNELS = /^(notes?|comments?|remarks?|notes? and comments|observations|explanation)$/;
const ROW_TOTAL = /^(total|totals|totaal|totale|summe|gesamt|sum|iš viso|is viso|jumla|all channels)$/;

/** What partners call a channel, in its lake name. */
const CHANNEL_ALIASES: Record<string, string> = {
  calls: 'helpline_calls',
  helpline: 'helpline_calls',
  helpline_call: 'helpline_calls',
  drop_in: 'drop_in_visits',
  drop_ins: 'drop_in_visits',
  drop_in_attendance: 'drop_in_visits',
  drop_in_visit: 'drop_in_visits',
  visits: 'drop_in_visits',
  referral: 'referrals',
};

/** A header or cell as a channel name ("Helpline calls" -> helpline_calls), or undefined. */
export function channelName(text: string): string | undefined {
  const key = headerKey(text).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const name = CHANNEL_ALIASES[key] ?? key;
  return CHANNEL_PATTERN.test(name) ? name : undefined;
}

interface Common {
  region: number;
  start: number;
  partner: number;
  location: number;
  period: number;
}
export type PartnerLayout =
  | ({ kind: 'long'; channel: number; count: number } & Common)
  | ({ kind: 'wide'; channels: { index: number; channel: string }[]; rowTotal: number } & Common);

/** Why a header is neither layout: columns missing (listed), no channel columns, or nothing recognised. */
export type LayoutProblem = { code: 'headerMissing'; missing: string } | { code: 'headerNoCounts' } | { code: 'headerUnknown' };

/** The layout of a header, or the reason it is neither. */
export function partnerLayout(header: string[]): PartnerLayout | { problem: LayoutProblem } {
  const col = (names: readonly string[]) => findColumn(header, ...names);
  const common: Common = {
    region: col(COLUMN_NAMES.region),
    start: col(COLUMN_NAMES.start),
    partner: col(COLUMN_NAMES.partner),
    location: col(COLUMN_NAMES.location),
    period: col(COLUMN_NAMES.period),
  };
  const channel = col(COLUMN_NAMES.channel);
  const count = col(COLUMN_NAMES.count);
  if (channel !== -1 || count !== -1) {
    const missing = [common.region === -1 ? 'region' : '', common.start === -1 ? 'period_start (or week start, date)' : '', channel === -1 ? 'channel' : '', count === -1 ? 'count' : ''].filter(Boolean);
    if (missing.length) return { problem: { code: 'headerMissing', missing: missing.map((m) => `"${m}"`).join(', ') } };
    return { kind: 'long', channel, count, ...common };
  }
  if (common.region === -1 || common.start === -1) return { problem: { code: 'headerUnknown' } };
  const used = new Set([common.region, common.start, common.partner, common.location, common.period]);
  let rowTotal = -1;
  const channels: { index: number; channel: string }[] = [];
  header.forEach((h, index) => {
    if (used.has(index) || h.trim() === '') return;
    const key = headerKey(h);
    if (NOT_CHANNELS.test(key)) return;
    if (ROW_TOTAL.test(key)) rowTotal = index;
    else {
      const name = channelName(h);
      if (name) channels.push({ index, channel: name });
    }
  });
  if (channels.length === 0) return { problem: { code: 'headerNoCounts' } };
  return { kind: 'wide', channels, rowTotal, ...common };
}

/** Does a header look like either partner layout? */
export function isPartnerHeader(header: string[]): boolean {
  return 'kind' in partnerLayout(header);
}

/** A cell that labels a total row ("Total", "Totaal", "Summe", "Grand total", "Iš viso"...). */
export const TOTAL_LABEL = /^(grand\s+)?(total|totals|totaal|totale|summe|gesamt|sum|iš viso|is viso|jumla|kopā|suma)\b:?/i;
