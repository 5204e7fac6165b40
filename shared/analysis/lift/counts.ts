import { betaQuantile, binomCdf } from './distributions.ts';

/** Exact conditional-binomial comparison of two Poisson rates. */
export interface RateRatioTest { ratio: number; low: number; high: number; pValue: number }

/**
 * Exact test for the ratio of two Poisson rates: `xPost` events over relative exposure `expPost`
 * versus `xPre` over `expPre`. Conditional on the total, xPost ~ Binomial(total, p) with
 * p = R·expPost / (expPre + R·expPost); Clopper-Pearson limits on p map to limits on R.
 * Exposures can be period lengths (pre/post) or model-based expected totals (counterfactual).
 */
export function poissonRateRatio(xPost: number, expPost: number, xPre: number, expPre: number, alpha = 0.05): RateRatioTest {
  const n = Math.round(xPost + xPre);
  const k = Math.round(xPost);
  const r = expPost / expPre;
  const p0 = r / (1 + r);
  const pLow = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const pHigh = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  const toR = (p: number): number => (p >= 1 ? Infinity : p / (1 - p) / r);
  const ratio = xPre > 0 ? (xPost / expPost) / (xPre / expPre) : Infinity;
  return { ratio, low: toR(pLow), high: toR(pHigh), pValue: binomTwoSided(k, n, p0) };
}

/** Two-sided exact binomial p-value (doubling the smaller tail, capped at 1). */
export function binomTwoSided(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  const lower = binomCdf(k, n, p);
  const upper = 1 - binomCdf(k - 1, n, p);
  return Math.min(1, 2 * Math.min(lower, upper));
}

/**
 * Count-aware guard used by every estimator on integer data: given the treated aggregate's observed
 * and counterfactual totals in the pre and test periods, return the exact test on observed/counterfactual.
 * The pre-period counts carry the Poisson noise of the baseline, so small counts give wide limits.
 */
export function countGuard(obsPost: number, cfPost: number, obsPre: number, cfPre: number, alpha: number): RateRatioTest | null {
  if (!(cfPost > 0) || !(cfPre > 0) || obsPre + obsPost <= 0) return null;
  return poissonRateRatio(obsPost, cfPost, obsPre, cfPre, alpha);
}
