import { binomialCdf, clopperPearson } from './distributions.ts';

export interface RateRatioInput {
  /** count in the baseline window */
  baseline: number;
  /** count in the compared window (campaign or follow-up) */
  compared: number;
  baselineDays: number;
  comparedDays: number;
  alpha?: number;
}

export interface RateRatio {
  rateRatio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  note?: string;
}

/**
 * Ratio of two Poisson rates (compared per day / baseline per day) with an exact interval.
 * Conditional on the total n, the compared count is Binomial(n, p) with
 * p = RR t1 / (RR t1 + t0); a Clopper-Pearson interval for p maps to one for RR. Valid for
 * small counts, where normal approximations are not, and adjusted for unequal window lengths.
 */
export function poissonRateRatio({ baseline, compared, baselineDays, comparedDays, alpha = 0.05 }: RateRatioInput): RateRatio {
  const none = (note: string): RateRatio => ({ rateRatio: null, ciLow: null, ciHigh: null, pValue: null, note });
  if (!(baselineDays > 0) || !(comparedDays > 0)) return none('no days with data in one of the windows');
  const n = baseline + compared;
  if (n === 0) return none('no contacts in either window');
  const scale = baselineDays / comparedDays;
  const toRatio = (p: number): number => (p >= 1 ? Infinity : (p / (1 - p)) * scale);
  const [pLow, pHigh] = clopperPearson(compared, n, alpha);
  // Two-sided exact test of equal rates: under H0, p0 = t1 / (t0 + t1).
  const p0 = comparedDays / (baselineDays + comparedDays);
  const lower = binomialCdf(compared, n, p0);
  const upper = 1 - binomialCdf(compared - 1, n, p0);
  const pValue = Math.min(1, 2 * Math.min(lower, upper));
  return {
    rateRatio: baseline === 0 ? null : (compared / comparedDays) / (baseline / baselineDays),
    ciLow: toRatio(pLow),
    ciHigh: Number.isFinite(toRatio(pHigh)) ? toRatio(pHigh) : null,
    pValue,
    ...(baseline === 0 ? { note: 'no contacts in the baseline: the change cannot be expressed as a ratio' } : {}),
  };
}
