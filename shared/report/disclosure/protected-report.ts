/**
 * The protected report: what a shared report (report.md, report.html) may say. Renderers, views
 * and charts take this type only, and only {@link protectReport} makes one, so an unprotected
 * figure cannot reach them. Hidden counts are not in it at all (they are NaN), statistics that rest
 * on them are null, and `marks` says how each hidden field is labelled.
 */
import type { DemandSeries, Report } from '../report-types.ts';
import type { Mark } from './ledger.ts';
import { smallLabel, type DisclosureRules } from './rules.ts';

declare const PROTECTED: unique symbol;

/** Who the copy is for: anyone it is shared with, or partners (who also know their own counts). */
export type Audience = 'public' | 'partners';

export interface ProtectedReport extends Omit<Report, 'internal' | 'notice'> {
  readonly [PROTECTED]: true;
  internal: false;
  audience: Audience;
  rules: DisclosureRules;
  /**
   * When charts pool many regions: every region's weekly counts (report.weeks.csv), protected
   * with everything else (hidden weeks NaN and marked).
   */
  regionWeeks?: DemandSeries[];
  /** Hidden fields of each object of the copy: `marks.get(row)?.campaign === 'small'`. */
  marks: WeakMap<object, Partial<Record<string, Mark>>>;
}

/** Text shown for a secondary (or partner-rule) hidden count. */
export const SECONDARY_TEXT = '[c]';

/** How a field of an object in the copy is disclosed (`shown` unless marked). */
export function markOf(p: ProtectedReport, obj: object, field: string): Mark {
  return p.marks.get(obj)?.[field] ?? 'shown';
}

/** The label for a hidden count, or undefined when the count is shown. */
export function hiddenLabel(p: ProtectedReport, obj: object, field: string): string | undefined {
  const m = markOf(p, obj, field);
  if (m === 'shown') return undefined;
  return m === 'small' ? smallLabel(p.rules) : SECONDARY_TEXT;
}

/** Mark a field hidden (used while building the copy). */
export function setMark(marks: ProtectedReport['marks'], obj: object, field: string, mark: Mark): void {
  if (mark === 'shown') return;
  const cur = marks.get(obj) ?? {};
  cur[field] = mark;
  marks.set(obj, cur);
}

/** Seal a finished copy (only protect.ts calls this). */
export function seal(copy: Omit<ProtectedReport, typeof PROTECTED>): ProtectedReport {
  return copy as ProtectedReport;
}
