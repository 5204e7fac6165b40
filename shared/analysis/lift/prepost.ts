import type { CoreEstimate } from './core.ts';
import { poissonRateRatio } from './counts.ts';
import { tCdf, tQuantile } from './distributions.ts';
import { isCountData, sumRows } from './panel.ts';
import type { WidePanel } from './types.ts';

/**
 * Before/after rate comparison for treated regions only (no controls). For counts the interval is the
 * exact conditional-binomial interval for the ratio of Poisson rates, adjusted for unequal period
 * lengths, combined with a Welch interval on per-period totals (over-dispersion); otherwise Welch only. It cannot separate the campaign from
 * seasonality or other changes, which the reason text says.
 */
export function estimatePrepost(p: WidePanel, alpha: number): CoreEstimate {
  const T = p.dates.length; const { t0, t1 } = p;
  const nT = p.treated.length; const nPost = t1 - t0;
  const observed = sumRows(p.yT, T);
  let xPre = 0; let xPost = 0;
  for (let t = 0; t < t0; t++) xPre += observed[t]!;
  for (let t = t0; t < t1; t++) xPost += observed[t]!;
  const rate = xPre / t0;
  const counterfactual = new Float64Array(T).fill(rate);
  const core: CoreEstimate = { method: 'prepost', observed, counterfactual, attCi: null, pValue: null, weights: {}, notes: [] };
  const counts = isCountData(p.yT, 0, t1);
  let vPre = 0; let vPost = 0; const mPost = xPost / nPost;
  for (let t = 0; t < t0; t++) vPre += (observed[t]! - rate) ** 2 / Math.max(t0 - 1, 1);
  for (let t = t0; t < t1; t++) vPost += (observed[t]! - mPost) ** 2 / Math.max(nPost - 1, 1);
  const se = Math.sqrt(vPre / t0 + vPost / nPost);
  if (se > 0 && t0 > 1 && nPost > 1) {
    const a = vPre / t0; const b = vPost / nPost;
    const df = (a + b) ** 2 / ((a * a) / (t0 - 1) + (b * b) / (nPost - 1));
    const tq = tQuantile(1 - alpha / 2, df); const d = mPost - rate;
    core.attCi = [(d - tq * se) / nT, (d + tq * se) / nT];
    core.pValue = 2 * (1 - tCdf(Math.abs(d) / se, df));
  }
  if (counts) {
    // exact Poisson interval; combined with the Welch one (union, larger p) so day-to-day
    // over-dispersion beyond Poisson noise is not mistaken for an effect
    const r = poissonRateRatio(xPost, nPost, xPre, t0, alpha);
    const cf = rate * nPost;
    const lo = (cf * (r.low - 1)) / (nT * nPost); const hi = (cf * (r.high - 1)) / (nT * nPost);
    core.attCi = core.attCi ? [Math.min(lo, core.attCi[0]), Math.max(hi, core.attCi[1])] : [lo, hi];
    core.pValue = core.pValue === null ? r.pValue : Math.max(core.pValue, r.pValue);
  }
  return core;
}
