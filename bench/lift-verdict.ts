/**
 * Monte-Carlo verdicts for the simulation bench: a cell's rate (coverage, false positives) is an
 * estimate from a finite number of simulated panels, so a cell is called met or missed only when
 * its one-sided 95% exact (Clopper-Pearson) bound is on one side of the target; otherwise it is
 * undecided and the bench runs more panels for it (sequential rule in lift-simulation.ts).
 */
import { betaQuantile } from '../shared/analysis/distributions.ts';

export type Verdict = 'met' | 'missed' | 'undecided';

/** One-sided exact bounds at `confidence` for k successes out of n. */
export function exactBounds(k: number, n: number, confidence = 0.95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const a = 1 - confidence;
  return { low: k === 0 ? 0 : betaQuantile(a, k, n - k + 1), high: k === n ? 1 : betaQuantile(1 - a, k + 1, n - k) };
}

/** Whether k of n meets `rate >= target` (coverage) or `rate <= target` (false positives), given Monte-Carlo error. */
export function judge(k: number, n: number, target: number, side: 'atLeast' | 'atMost', confidence = 0.95): Verdict {
  if (n === 0) return 'met'; // nothing shown: refusing to claim is allowed
  const { low, high } = exactBounds(k, n, confidence);
  if (side === 'atLeast') return low >= target ? 'met' : high < target ? 'missed' : 'undecided';
  return high <= target ? 'met' : low > target ? 'missed' : 'undecided';
}

/** Monte-Carlo standard error of a share k / n. */
export const mcSe = (k: number, n: number): number => (n === 0 ? 0 : Math.sqrt((k / n) * (1 - k / n) / n));
