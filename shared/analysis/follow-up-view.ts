import type { Report } from '../report/report-types.ts';

/** One window's result for a channel: change versus baseline, or lift versus control regions. */
export interface WindowValue {
  label: string;
  /** change in percent (+12.3 = +12.3%); null when not estimable or withheld */
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  note?: string;
}

/** The campaign, 3-month and 6-month results side by side. */
export interface FollowUpView {
  columns: string[];
  rows: { channel: string; measure: 'change_vs_baseline' | 'lift_vs_control'; values: WindowValue[] }[];
}

type Source = Pick<Report, 'serviceDemand' | 'lift'>;

const SMALL = 5;

/** A window of one report: the pooled targeted change, withheld when it rests on fewer than 5 contacts. */
function change(r: Source, channel: string, window: 'campaign' | 'follow_up', label: string): WindowValue {
  const d = r.serviceDemand.find((x) => x.channel === channel && x.region === 'targeted' && x.window === window);
  if (!d || d.rateRatio === null || !Number.isFinite(d.rateRatio)) return { label, value: null, ciLow: null, ciHigh: null };
  if (d.baseline < SMALL || d.campaign < SMALL) return { label, value: null, ciLow: null, ciHigh: null, note: 'not shown: rests on fewer than 5 contacts' };
  const pct = (x: number | null) => (x === null || !Number.isFinite(x) ? null : (x - 1) * 100);
  return { label, value: pct(d.rateRatio), ciLow: pct(d.ciLow), ciHigh: pct(d.ciHigh) };
}

function lift(r: Source, channel: string, window: 'campaign' | 'follow_up', label: string): WindowValue {
  const l = r.lift?.find((x) => x.channel === channel && x.window === window)?.result;
  const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x * 100);
  if (!l || l.lift === null) return { label, value: null, ciLow: null, ciHigh: null, ...(l?.insufficient ? { note: l.insufficient } : {}) };
  return { label, value: pct(l.lift), ciLow: pct(l.ciLow), ciHigh: pct(l.ciHigh) };
}

/**
 * Side by side: the campaign window (from this report), each earlier follow-up (from its own
 * stored report) and this follow-up. Pure: the caller reads the earlier reports.
 */
export function followUpView(current: Report, earlier: { label: string; report: Source }[]): FollowUpView | undefined {
  if (current.phase !== 'follow_up' || !current.followUp) return undefined;
  const windows: { label: string; source: Source; window: 'campaign' | 'follow_up' }[] = [
    { label: 'Campaign', source: current, window: 'campaign' },
    ...earlier.map((e) => ({ label: e.label, source: e.report, window: 'follow_up' as const })),
    { label: current.followUp.label, source: current, window: 'follow_up' },
  ];
  const channels = [...new Set(current.serviceDemand.map((d) => d.channel))].sort();
  const rows: FollowUpView['rows'] = [];
  for (const channel of channels) {
    rows.push({ channel, measure: 'change_vs_baseline', values: windows.map((w) => change(w.source, channel, w.window, w.label)) });
    if (current.lift?.some((l) => l.channel === channel)) rows.push({ channel, measure: 'lift_vs_control', values: windows.map((w) => lift(w.source, channel, w.window, w.label)) });
  }
  return { columns: windows.map((w) => w.label), rows };
}
