/**
 * The data-completeness section, display-ready: which partner series reported which periods, and
 * what was left out of the statistics and why. It shows no counts, only days and weeks.
 */
import { formatDateRange, formatNumber } from './format.ts';
import { metricLabel, regionLabel } from './labels.ts';
import type { Report } from './report-types.ts';

export const COMPLETENESS_INTRO =
  'Partners do not always report every week. A week a partner did not report is never counted as zero: ' +
  'each partner is compared over the days it did report, and a partner that did not report in both the baseline and the compared window is left out.';

export interface CompletenessRowView {
  partner: string;
  region: string;
  channel: string;
  /** per window: "119 of 119 days" */
  windows: { label: string; reported: string; missing: string }[];
  used: string;
}

export interface CompletenessView { intro: string; notes: string[]; rows: CompletenessRowView[]; windowLabels: string[] }

const WINDOW_LABEL = { baseline: 'Baseline', campaign: 'Campaign', follow_up: 'Follow-up' } as const;

function ranges(missing: string[]): string {
  if (missing.length === 0) return 'none';
  const shown = missing.slice(0, 4).map((r) => { const [a, b] = r.split('..'); return formatDateRange(a!, b!); });
  return `${shown.join('; ')}${missing.length > 4 ? `; and ${missing.length - 4} more` : ''}`;
}

export function completenessView(r: Omit<Report, 'internal' | 'notice'>): CompletenessView | null {
  const c = r.completeness;
  if (!c || c.series.length === 0) return null;
  const windowLabels = [...new Set(c.series.flatMap((s) => s.windows.map((w) => WINDOW_LABEL[w.window])))];
  const rows = c.series.map((s) => {
    const left = s.windows.filter((w) => w.used === false);
    return {
      partner: s.location ? `${s.partner} (${s.location})` : s.partner,
      region: regionLabel(s.region),
      channel: metricLabel(s.channel),
      windows: s.windows.map((w) => ({ label: WINDOW_LABEL[w.window], reported: `${formatNumber(w.reportedDays)} of ${formatNumber(w.days)} days`, missing: ranges(w.missingWeeks) })),
      used: left.length ? `No (${left.map((w) => `${WINDOW_LABEL[w.window].toLowerCase()}: ${w.reason ?? 'left out'}`).join('; ')})` : 'Yes',
    };
  });
  const notes = [...(r.baselineNote ? [r.baselineNote] : []), ...c.notes, ...(r.contamination?.notes ?? [])];
  return { intro: COMPLETENESS_INTRO, notes, rows, windowLabels };
}
