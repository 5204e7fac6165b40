/**
 * The value-for-money section, display-ready. Counts of additional contacts are estimates, not
 * counts of people, but a small one is still shown as <5 so no one can be singled out.
 */
import { formatMoney, formatNumber, NOT_AVAILABLE } from './format.ts';
import { metricLabel } from './labels.ts';
import type { Report } from './report-types.ts';
import { suppressCount } from './suppress.ts';

export interface ValueView {
  lines: { label: string; value: string }[];
  perContact: { channel: string; additional: string; cost: string; note: string }[];
  assumptions: string[];
}

const range = (lo: string, hi: string) => `${lo} to ${hi}`;

export function valueView(r: Pick<Report, 'readiness' | 'valueForMoney' | 'campaign' | 'delivery'>): ValueView | undefined {
  const v = r.valueForMoney;
  if (!v) return undefined;
  const cur = v.currency;
  const lines = [
    { label: 'Ad spend', value: formatMoney(v.spend, cur) },
    {
      label: 'Cost per 1,000 people reached',
      value: v.costPerThousandReached === null ? NOT_AVAILABLE : `${v.reachKind === 'period' ? '' : 'at least '}${formatMoney(v.costPerThousandReached, cur)}`,
    },
  ];
  const s = v.sroi;
  if (s) {
    lines.push(
      { label: `Social value (${metricLabel(s.inputs.channel).toLowerCase()})`, value: s.value === null ? 'not estimable' : `${formatMoney(s.value, cur)} (95% interval ${range(formatMoney(s.valueLow, cur), formatMoney(s.valueHigh, cur))})` },
      { label: 'Value per unit of spend (SROI-style ratio)', value: s.ratio === null ? 'not estimable' : `${formatNumber(s.ratio, 2)} (${range(formatNumber(s.ratioLow, 2), formatNumber(s.ratioHigh, 2))})` },
    );
  }
  return {
    lines,
    perContact: v.perContact.map((p) => ({
      channel: metricLabel(p.channel),
      additional: p.incremental === null ? NOT_AVAILABLE : `${suppressCount(p.incremental)} (${range(suppressCount(p.incrementalLow), suppressCount(p.incrementalHigh))})`,
      cost: p.cost === null ? 'not estimable' : `${formatMoney(p.cost, cur)} (${range(formatMoney(p.costLow, cur), formatMoney(p.costHigh, cur))})`,
      note: p.note,
    })),
    assumptions: v.assumptions,
  };
}
