/**
 * The column plan of a bound partner sheet (partner-csv.ts), for the DuckDB fast path: the same
 * cells and rules as its parser. Only the long layout (the template: one count per row) has one;
 * a wide sheet (a column per channel) is left to the parser. Rows the parser would check against
 * others or note (total rows, subtotals) and values that may be personal data are left to the
 * parser too, by patterns that match at least what its own rules match.
 */
import { SERVICE_DEMAND } from '../../lake/tables.ts';
import type { CellRule, ColumnPlan } from '../column-plan.ts';
import { channelName, TOTAL_LABEL, type PartnerLayout } from '../partner-layout.ts';
import { MAX_LOCATION_LENGTH, PERSONAL_PATTERNS } from '../personal-data.ts';

export interface PartnerCells {
  layout: PartnerLayout;
  cellCount: number;
  /** Days of a row with no period cell (7 for a week-like date column). */
  defaultDays: number;
  periodDays: Record<string, number>;
  /** Cells whose text may label a total row. */
  labelColumns: number[];
  partnerId: string | undefined;
  today: string;
  sourceKey: string;
}

/** A JavaScript pattern as RE2 reads it: the same source (no flags but `i` used), `i` as (?i). */
const re2 = (r: RegExp) => `${r.ignoreCase ? '(?i)' : ''}${r.source}`;

export function partnerPlan(c: PartnerCells): ColumnPlan | undefined {
  const { layout } = c;
  if (layout.kind !== 'long') return undefined;
  const text = (i: number): CellRule => (i === -1 ? { kind: 'const', value: null } : { kind: 'text', cell: i });
  const all = Array.from({ length: c.cellCount }, (_, i) => i);
  // The date and count columns hold dates and numbers by design: there only the checks that cannot be mistaken for them.
  const byDesign = new Set([layout.start, layout.count]);
  const personal = (kinds: typeof PERSONAL_PATTERNS) => kinds.map((k) => `(?:${re2(k.test)})`).join('|');
  // Cells are matched as written: a total label may follow spaces (or a tab inside quotes), which the reader trims.
  if (!TOTAL_LABEL.source.startsWith('^')) return undefined;
  const totalLabel = `${TOTAL_LABEL.ignoreCase ? '(?i)' : ''}^\\s*${TOTAL_LABEL.source.slice(1)}`;
  return {
    table: SERVICE_DEMAND,
    columns: {
      partner_id: layout.partner === -1 ? { kind: 'const', value: c.partnerId || null } : { kind: 'partner', cell: layout.partner, given: c.partnerId || undefined },
      region_code: { kind: 'region-code', cell: layout.region },
      location: text(layout.location),
      channel: { kind: 'mapped', cell: layout.channel, map: channelName },
      period_start: { kind: 'date', cell: layout.start, notAfter: c.today },
      period_days: layout.period === -1 ? { kind: 'const', value: String(c.defaultDays) } : { kind: 'choice', cell: layout.period, values: c.periodDays, otherwise: c.defaultDays },
      count: { kind: 'count', cell: layout.count },
      source_key: { kind: 'const', value: c.sourceKey },
    },
    required: ['partner_id', 'count'],
    ordered: [],
    skipBlank: true,
    leave: [
      { cells: c.labelColumns, pattern: totalLabel },
      { cells: all.filter((i) => !byDesign.has(i)), pattern: personal(PERSONAL_PATTERNS) },
      { cells: [...byDesign], pattern: personal(PERSONAL_PATTERNS.filter((k) => k.what !== 'phone' && k.what !== 'dob')) },
      ...(layout.location === -1 ? [] : [{ cells: [layout.location], longerThan: MAX_LOCATION_LENGTH }]),
    ],
    noNotes: true,
  };
}
