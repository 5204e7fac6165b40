/**
 * The pre-launch readiness section, display-ready: weeks reported per partner (never counts of
 * contacts), the control regions' fit, and the minimum detectable lift for the planned length.
 */
import { methodExplained } from '../analysis/narrative.ts';
import { formatFractionAsPercent, formatShortDate } from './format.ts';
import { metricLabel, regionLabel } from './labels.ts';
import type { Report } from './report-types.ts';

export interface ReadinessView {
  intro: string;
  coverage: { partner: string; channel: string; region: string; role: string; weeks: string; missing: string }[];
  fit: { channel: string; text: string }[];
  plan: { channel: string; mdl: string; method: string }[];
}

const weekList = (ws: string[]): string => (ws.length === 0 ? 'none' : ws.length > 6 ? `${ws.slice(0, 6).map(formatShortDate).join(', ')} and ${ws.length - 6} more` : ws.map(formatShortDate).join(', '));

export function readinessView(r: Pick<Report, 'readiness' | 'valueForMoney' | 'campaign' | 'delivery'>): ReadinessView | undefined {
  const x = r.readiness;
  if (!x) return undefined;
  return {
    intro:
      'The campaign has not started. This is what it will be measured against: the baseline weeks each partner has sent, how well the control regions follow the targeted ones, and the smallest change the planned campaign could detect. Goals are listed as set.',
    coverage: x.coverage.map((c) => ({
      partner: c.partner,
      channel: metricLabel(c.channel),
      region: regionLabel(c.region),
      role: c.role,
      weeks: `${c.weeksComplete} of ${c.weeksExpected}`,
      missing: [c.missingWeeks.length ? `missing: ${weekList(c.missingWeeks)}` : '', c.partialWeeks.length ? `part-weeks: ${weekList(c.partialWeeks)}` : '']
        .filter(Boolean)
        .join('; ') || 'none',
    })),
    fit: x.fit.map((f) => ({ channel: metricLabel(f.channel), text: f.text })),
    plan: x.plan.map((p) => ({
      channel: metricLabel(p.channel),
      mdl:
        p.mdl === null
          ? `not estimable (${p.note})`
          : `${formatFractionAsPercent(p.mdl)} over ${p.durationDays} days (a smaller real change would likely be missed)`,
      method: p.method === 'none' ? '–' : methodExplained(p.method, metricLabel(p.channel).toLowerCase()),
    })),
  };
}
