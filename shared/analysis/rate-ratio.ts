import { binomialCdf, clopperPearson, incompleteBeta } from './distributions.ts';
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
  /**
   * The baseline count's worth as information about the rate (<= baseline): less than the count when
   * series are weighted unequally (one missed campaign weeks, so its baseline rate counts for less of
   * the expected count). Default: the baseline count.
   */
  effectiveBaseline?: number;
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
 * Conditional binomial test of "rate ratio = r" on scaled counts (quasi-Poisson: counts divided by
 * their variance scale are an effective number of independent events). The compared window's scale
 * is the one the hypothesis implies (negative-binomial-like spread grows with the mean), so each
 * candidate ratio is tested with its own variance, not with the variance at the estimate.
 */
function scaledTest(o: { b: number; c: number; xb: number; xc: number; s: number }, r: number): { x: number; n: number; p: number } {
  const cs = r > 1 ? 1 + (o.s - 1) * r : o.s;
  const x = o.c / cs; const bb = o.b / o.s;
  const ec = (r * o.xc) / cs; const eb = o.xb / o.s;
  return { x, n: x + bb, p: ec / (ec + eb) };
}

/** P(X <= x) and P(X >= x) for the continuous extension of Binomial(n, p) (incomplete beta). */
const lowerTail = (x: number, n: number, p: number): number => (x >= n ? 1 : p <= 0 ? 1 : p >= 1 ? 0 : incompleteBeta(1 - p, n - x, x + 1));
const upperTail = (x: number, n: number, p: number): number => (x <= 0 ? 1 : p <= 0 ? 0 : p >= 1 ? 1 : incompleteBeta(p, x, n - x + 1));

/** Smallest / largest ratio the scaled test does not reject at alpha (bisection on log r). */
function invertScaled(o: { b: number; c: number; xb: number; xc: number; s: number }, est: number, alpha: number): [number, number | null] {
  const accepts = (side: 'low' | 'high', r: number): boolean => {
    const t = scaledTest(o, r);
    return side === 'high' ? lowerTail(t.x, t.n, t.p) >= alpha / 2 : upperTail(t.x, t.n, t.p) >= alpha / 2;
  };
  const edge = (side: 'low' | 'high'): number | null => {
    const step = side === 'high' ? 1 : -1;
    let inside = Math.log(est); let outside = inside + step * 0.05;
    for (let i = 0; i < 60 && accepts(side, Math.exp(outside)); i++) { inside = outside; outside += step * 0.05 * 2 ** i; }
    if (accepts(side, Math.exp(outside))) return side === 'high' ? null : 0;
    // 1e-9 on the log scale is far finer than any printed digit.
    while (Math.abs(outside - inside) > 1e-9) { const m = (inside + outside) / 2; if (accepts(side, Math.exp(m))) inside = m; else outside = m; }
    return Math.exp(inside);
  };
  return [o.c === 0 ? 0 : edge('low')!, edge('high')];
}

/**
 * Campaign-versus-baseline rate ratio whose interval survives over-dispersion. The exact
 * conditional test is the floor; when the baseline shows more spread than Poisson (phi > 1), the
 * interval comes from inverting the test on scaled counts (quasi-Poisson: an effective number of
 * independent events), with phi inflated by (t_df / z)² for the uncertainty of phi itself (few
 * baseline weeks give a wide t quantile), and the compared window's variance taken at each tested
 * ratio. The baseline enters at its effective count, so uneven reporting widens the interval. The
 * reported interval is the union with the exact one and the p-value the larger, so small counts
 * never look surer than the exact test allows and noisy partners never look surer than their own
 * baseline.
 */
export function upliftRatio({ baseline, compared, baselineExposure, comparedExposure, dispersion, effectiveBaseline, alpha = 0.05 }: UpliftInput): Uplift {
  const exact = poissonRateRatio({ baseline, compared, baselineDays: baselineExposure, comparedDays: comparedExposure, alpha });
  const exactMethod = 'exact conditional Poisson test';
  const bEff = effectiveBaseline !== undefined && effectiveBaseline > 0 && effectiveBaseline < baseline * (1 - 1e-9) ? effectiveBaseline : baseline;
  const uneven = bEff < baseline;
  const checked = dispersion && dispersion.df >= 1;
  if (exact.ciLow === null || exact.rateRatio === null || (!checked && !uneven)) {
    const why = dispersion && dispersion.df < 1 ? ' (too little baseline to check for over-dispersion)' : '';
    return { ...exact, interval: 'exact', scale: 1, method: exactMethod + why };
  }
  const z = normalQuantile(1 - alpha / 2);
  const scale = checked ? Math.max(1, dispersion.phi * (tQuantile(1 - alpha / 2, dispersion.df) / z) ** 2) : 1;
  if (!(scale > 1) && !uneven) return { ...exact, interval: 'exact', scale: 1, method: `${exactMethod} (the baseline varies no more than Poisson counts do)` };
  // The baseline's exposure shrinks with its count, so the estimate stays the same ratio.
  const o = { b: bEff, c: compared, xb: baselineExposure * (bEff / baseline), xc: comparedExposure, s: scale };
  const [qLow, qHigh] = invertScaled(o, exact.rateRatio > 0 ? exact.rateRatio : 1e-6, alpha);
  const at1 = scaledTest(o, 1);
  const qP = Math.min(1, 2 * Math.min(lowerTail(at1.x, at1.n, at1.p), upperTail(at1.x, at1.n, at1.p)));
  const lo = Math.min(exact.ciLow, qLow);
  const hi = exact.ciHigh === null || qHigh === null ? null : Math.max(exact.ciHigh, qHigh);
  const weighting = uneven ? '; the baseline counts for less where series reported unevenly' : '';
  if (!(scale > 1))
    return { ...exact, ciLow: lo, ciHigh: hi, pValue: Math.max(exact.pValue ?? 0, qP), interval: 'exact', scale: 1, method: `${exactMethod}${weighting}` };
  return {
    ...exact,
    ciLow: lo,
    ciHigh: hi,
    pValue: Math.max(exact.pValue ?? 0, qP),
    interval: 'quasi-poisson',
    scale,
    method: (dispersion!.phi >= 1.05
      ? `quasi-Poisson: the baseline weeks vary ${dispersion!.phi.toFixed(1)} times as much as Poisson counts would (${dispersion!.df} degrees of freedom), so the exact interval is widened`
      : `quasi-Poisson: the baseline weeks vary about as much as Poisson counts would; the interval allows for the uncertainty of that check (${dispersion!.df} degrees of freedom)`) + weighting,
  };
}
