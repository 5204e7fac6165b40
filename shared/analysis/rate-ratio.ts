import { binomialCdf, clopperPearson } from './distributions.ts';
import { normalQuantile, tQuantile } from './lift/distributions.ts';

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

/** Over-dispersion of counts relative to Poisson, estimated from the baseline (Pearson chi² / df). */
export interface Dispersion { phi: number; df: number }

export interface UpliftInput {
  baseline: number;
  compared: number;
  /** exposures in any common unit: series-days, or counts expected under each series' own rate */
  baselineExposure: number;
  comparedExposure: number;
  dispersion?: Dispersion | null;
  alpha?: number;
}

export interface Uplift extends RateRatio {
  /** which interval was used: the exact conditional test, or the quasi-Poisson widening of it */
  interval: 'exact' | 'quasi-poisson';
  /** the factor the counts' variance was scaled by (1 = Poisson) */
  scale: number;
  /** the method in plain words */
  method: string;
}

/**
 * Campaign-versus-baseline rate ratio whose interval survives over-dispersion. The exact
 * conditional test is the floor; when the baseline shows more spread than Poisson (phi > 1), the
 * test is re-run on counts divided by the variance scale (quasi-Poisson: an effective number of
 * independent events), inflated by (t_df / z)² for the uncertainty of phi itself. The reported
 * interval is the union of both and the p-value the larger, so small counts never look surer
 * than the exact test allows and noisy partners never look surer than their own baseline.
 */
export function upliftRatio({ baseline, compared, baselineExposure, comparedExposure, dispersion, alpha = 0.05 }: UpliftInput): Uplift {
  const exact = poissonRateRatio({ baseline, compared, baselineDays: baselineExposure, comparedDays: comparedExposure, alpha });
  const exactMethod = 'exact conditional Poisson test';
  if (!dispersion || !(dispersion.df >= 1) || exact.ciLow === null) {
    const why = dispersion && dispersion.df < 1 ? ' (too little baseline to check for over-dispersion)' : '';
    return { ...exact, interval: 'exact', scale: 1, method: exactMethod + why };
  }
  const z = normalQuantile(1 - alpha / 2);
  const scale = dispersion.phi * (tQuantile(1 - alpha / 2, dispersion.df) / z) ** 2;
  if (!(scale > 1)) return { ...exact, interval: 'exact', scale: 1, method: `${exactMethod} (the baseline varies no more than Poisson counts do)` };
  // Negative-binomial-like spread grows with the mean: a window with a higher rate is noisier still.
  const ratio = exact.rateRatio ?? 1;
  const comparedScale = ratio > 1 ? 1 + (scale - 1) * ratio : scale;
  const q = poissonRateRatio({ baseline: baseline / scale, compared: compared / comparedScale, baselineDays: baselineExposure, comparedDays: comparedExposure * (scale / comparedScale), alpha });
  const lo = Math.min(exact.ciLow, q.ciLow ?? exact.ciLow);
  const hi = exact.ciHigh === null || q.ciHigh === null ? null : Math.max(exact.ciHigh, q.ciHigh);
  return {
    ...exact,
    ciLow: lo,
    ciHigh: hi,
    pValue: Math.max(exact.pValue ?? 0, q.pValue ?? 0),
    interval: 'quasi-poisson',
    scale,
    method: dispersion.phi >= 1.05
      ? `quasi-Poisson: the baseline weeks vary ${dispersion.phi.toFixed(1)} times as much as Poisson counts would (${dispersion.df} degrees of freedom), so the exact interval is widened`
      : `quasi-Poisson: the baseline weeks vary about as much as Poisson counts would; the interval allows for the uncertainty of that check (${dispersion.df} degrees of freedom)`,
  };
}
