/**
 * Small-cell suppression for shared outputs (report.md, report.html). report.json keeps exact figures.
 *
 * Rule (primary): a count of 1 to 4 shows as `<5`; 0 and counts of 5 or more show as they are.
 *
 * Rule (secondary, per table group): where a total is shown next to the cells it is made of
 * (a pooled row next to its region rows, for one channel, window and column), the hidden cells
 * must not be recoverable by subtraction. While they are, the smallest shown cell of 5 or more is
 * also hidden and shown as `[c]` (ties: first in table order). If no such cell is left, the total is
 * hidden as `[c]` instead. "Recoverable" assumes the reader knows a `<5` cell is 1 to 4 and a `[c]`
 * cell is 5 or more:
 *  - one hidden cell is always recoverable (total minus the others);
 *  - only `<5` cells: recoverable when the remainder forces them all to 1 or all to 4;
 *  - with a `[c]` cell: recoverable only when the remainder forces every hidden cell to its minimum.
 */

import { smallLabel, type DisclosureRules } from './disclosure/rules.ts';

/** Text shown instead of a count of 1 to 4. */
export const SMALL_COUNT_LABEL = '<5';

/** Text shown for a cell hidden so that a `<5` cell cannot be worked out by subtraction. */
export const SECONDARY_LABEL = '[c]';

/** Smallest count shown as it is (besides 0). */
export const SMALL_COUNT_THRESHOLD = 5;

/** Plain-words footer used by both renderers. */
export const SUPPRESSION_NOTE =
  `Counts of 1 to 4 are shown as ${SMALL_COUNT_LABEL} so that no one can be identified from them. ` +
  `Where a table shows a total next to the figures it is made of, one more figure is hidden as ${SECONDARY_LABEL} ` +
  `if a ${SMALL_COUNT_LABEL} figure could otherwise be worked out by subtraction. ` +
  `Changes, confidence intervals and p-values that rest on a hidden count are not shown. ` +
  `Charts draw weeks with 1 to 4 as hollow markers on a shaded ${SMALL_COUNT_LABEL} band, not at their value. ` +
  `The internal report.json keeps the exact figures: do not share it.`;

/** The footer for the rules a report was protected under (see disclosure/rules.ts). */
export function suppressionNote(rules: DisclosureRules, audience: 'public' | 'partners' = 'public'): string {
  const small = smallLabel(rules);
  const range = `1 to ${rules.threshold - 1}`;
  const rounding = rules.roundTo > 1 ? ` Other counts are rounded to the nearest ${rules.roundTo}, and changes are worked out from the rounded counts.` : '';
  return (
    `Counts of ${range} are shown as ${small} so that no one can be identified from them.${rounding} ` +
    `Where a figure could be worked out from others by addition or subtraction (a total and its parts, a period and its weeks, ` +
    `two tables or a table and a chart), more figures are hidden as ${SECONDARY_LABEL}, and no figure is shown that is one partner's own count plus a small number. ` +
    `Changes, intervals, projections and sentences that rest on a hidden count are not shown. ` +
    `Charts draw hidden weeks as hollow markers on a shaded band, not at their value. ` +
    (audience === 'partners' ? `This copy is for partners: a count is shown only when at least ${rules.minPartners} partners contributed to it. ` : '') +
    `The internal report.json keeps the exact figures: do not share it.`
  );
}

/** How one cell is disclosed. */
export type Disclosure = 'shown' | 'small' | 'secondary';

/** True for a count that must be suppressed: more than 0 and less than 5. */
export function isSmallCount(n: number | null | undefined): boolean {
  return typeof n === 'number' && n > 0 && n < SMALL_COUNT_THRESHOLD;
}

/**
 * A count for a shared table: `<5` for 1 to 4, otherwise the number with thousands separators.
 * Missing values show as an en dash.
 * @example suppressCount(3) // "<5"; suppressCount(0) // "0"; suppressCount(12345) // "12,345"
 */
export function suppressCount(n: number | null | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  if (isSmallCount(n)) return SMALL_COUNT_LABEL;
  return WHOLE.format(Math.round(n));
}

/** Built once: a shared table formats thousands of counts. */
const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count as shown under a given disclosure. */
export function displayCount(n: number | null | undefined, disclosure: Disclosure): string {
  if (disclosure === 'secondary') return SECONDARY_LABEL;
  return suppressCount(n);
}

/** Result of {@link protectGroup}: the disclosure of each part (same order) and of the total. */
export interface GroupDisclosure {
  parts: Disclosure[];
  total: Disclosure;
}

function recoverable(parts: number[], total: number, marks: Disclosure[]): boolean {
  let shownSum = 0;
  let small = 0;
  let secondary = 0;
  parts.forEach((v, i) => {
    if (marks[i] === 'shown') shownSum += v;
    else if (marks[i] === 'small') small += 1;
    else secondary += 1;
  });
  const hidden = small + secondary;
  if (hidden === 0) return false;
  if (hidden === 1) return true;
  const remainder = total - shownSum;
  if (secondary === 0) return remainder === small || remainder === 4 * small;
  return remainder === small + SMALL_COUNT_THRESHOLD * secondary;
}

/**
 * Primary and secondary suppression for one group: cells `parts` shown next to their `total`
 * (pass `null` when no total is shown: then only the primary rule applies).
 * @example protectGroup([3, 40], 43) // parts: ['small', 'secondary'], total: 'shown'
 */
export function protectGroup(parts: number[], total: number | null): GroupDisclosure {
  const marks: Disclosure[] = parts.map((v) => (isSmallCount(v) ? 'small' : 'shown'));
  if (total === null) return { parts: marks, total: 'shown' };
  if (isSmallCount(total)) return { parts: marks, total: 'small' };
  while (recoverable(parts, total, marks)) {
    let pick = -1;
    parts.forEach((v, i) => {
      if (marks[i] === 'shown' && v >= SMALL_COUNT_THRESHOLD && (pick < 0 || v < (parts[pick] ?? Infinity))) pick = i;
    });
    // Nothing left to hide among the parts: hide the total, which removes the subtraction.
    if (pick < 0) return { parts: marks, total: 'secondary' };
    marks[pick] = 'secondary';
  }
  return { parts: marks, total: 'shown' };
}
