import type { LiftResult } from './types.ts';

/**
 * The effect a report claims from a lift result: a rise, a fall, or none. One rule for reports
 * (goals, narrative), `campaign plan`'s power and the simulation bench: not refused by the checks
 * (placebo calibration, pre-trend), significant, and the interval on one side of zero. A null upper
 * limit is unbounded, so it never shows a fall.
 */
export function claimedEffect(r: Pick<LiftResult, 'refused' | 'lift' | 'ciLow' | 'ciHigh' | 'pValue'>, alpha = 0.05): 'rise' | 'fall' | null {
  if (r.refused || r.lift === null || !((r.pValue ?? 1) < alpha)) return null;
  if (r.ciLow !== null && r.ciLow > 0) return 'rise';
  if (r.ciHigh !== null && Number.isFinite(r.ciHigh) && r.ciHigh < 0) return 'fall';
  return null;
}
