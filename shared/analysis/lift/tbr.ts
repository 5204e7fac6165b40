import type { CoreEstimate } from './core.ts';
import { tCdf, tQuantile } from './distributions.ts';
import { simpleOls } from './linalg.ts';
import { sumRows } from './panel.ts';
import type { WidePanel } from './types.ts';

/**
 * Time-Based Regression (Kerman, Wang & Vaver 2017; GeoexperimentsResearch `DoTBRAnalysisTbr1`):
 * regress the treated aggregate on the control aggregate over the pre-period, predict the test period,
 * and take the variance of the cumulative effect from the regression's predictive variance:
 * k²(var a + x̄k² var b + 2 x̄k cov ab) + k σ², with x̄k the running mean of the control aggregate.
 */
export function estimateTbr(p: WidePanel, alpha: number): CoreEstimate & { slope: number; sdCum: number[]; df: number } {
  const T = p.dates.length; const { t0, t1 } = p;
  const y = sumRows(p.yT, T); const x = sumRows(p.yC, T);
  const fit = simpleOls(x.subarray(0, t0), y.subarray(0, t0));
  const counterfactual = x.map((v) => fit.a + fit.b * v);
  const nPost = t1 - t0; const nT = p.treated.length;
  const tq = tQuantile(1 - alpha / 2, fit.df);
  const lower: number[] = []; const upper: number[] = []; const sdCum: number[] = [];
  let cum = 0; let xs = 0;
  for (let k = 1; k <= nPost; k++) {
    const t = t0 + k - 1;
    cum += y[t]! - counterfactual[t]!; xs += x[t]!;
    const xm = xs / k;
    const v = k * k * (fit.varA + xm * xm * fit.varB + 2 * xm * fit.covAB) + k * fit.sigma * fit.sigma;
    const sd = Math.sqrt(v);
    sdCum.push(sd); lower.push(cum - tq * sd); upper.push(cum + tq * sd);
  }
  const sd = sdCum[nPost - 1]!;
  const pValue = sd > 0 ? 2 * (1 - tCdf(Math.abs(cum) / sd, fit.df)) : null;
  // pointwise predictive band for the counterfactual
  const sLow = new Float64Array(T); const sHigh = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const se = Math.sqrt(fit.varA + x[t]! * x[t]! * fit.varB + 2 * x[t]! * fit.covAB + fit.sigma * fit.sigma);
    sLow[t] = counterfactual[t]! - tq * se; sHigh[t] = counterfactual[t]! + tq * se;
  }
  const weights: Record<string, number> = {};
  for (const c of p.control) weights[c] = fit.b; // counterfactual = a + b * (sum of controls)
  return {
    method: 'tbr', observed: y, counterfactual,
    attCi: [(cum - tq * sd) / (nT * nPost), (cum + tq * sd) / (nT * nPost)],
    pValue, weights, cumBand: { lower, upper }, seriesBand: { lower: sLow, upper: sHigh },
    notes: [`slope ${fit.b.toPrecision(6)}, intercept ${fit.a.toPrecision(6)}`], slope: fit.b, sdCum, df: fit.df,
  };
}
