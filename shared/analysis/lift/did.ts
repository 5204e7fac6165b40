import type { CoreEstimate } from './core.ts';
import { tCdf, tQuantile } from './distributions.ts';
import { sumRows } from './panel.ts';
import type { WidePanel } from './types.ts';

/**
 * Difference in differences on location averages: counterfactual treated mean at t is the treated
 * pre-period mean plus the control mean's change from its pre-period mean. The interval treats the
 * pre-period gaps between the two as noise: var(ATT) = s²(1/nPost + 1/nPre), Student t with nPre-1 df.
 */
export function estimateDid(p: WidePanel, alpha: number): CoreEstimate {
  const T = p.dates.length; const { t0, t1 } = p;
  const nT = p.treated.length; const nC = p.yC.length;
  const observed = sumRows(p.yT, T);
  const tm = observed.map((v) => v / nT);
  const cm = sumRows(p.yC, T).map((v) => v / nC);
  let tPre = 0; let cPre = 0;
  for (let t = 0; t < t0; t++) { tPre += tm[t]! / t0; cPre += cm[t]! / t0; }
  const cfMean = cm.map((v) => tPre + v - cPre);
  const counterfactual = cfMean.map((v) => v * nT);
  const nPost = t1 - t0;
  let att = 0;
  for (let t = t0; t < t1; t++) att += (tm[t]! - cfMean[t]!) / nPost;
  let s2 = 0;
  for (let t = 0; t < t0; t++) s2 += (tm[t]! - cfMean[t]!) ** 2 / Math.max(t0 - 1, 1);
  const se = Math.sqrt(s2 * (1 / nPost + 1 / t0));
  const df = Math.max(t0 - 1, 1);
  const tq = tQuantile(1 - alpha / 2, df);
  const weights: Record<string, number> = {};
  for (const c of p.control) weights[c] = 1 / nC;
  const lower: number[] = []; const upper: number[] = [];
  let cum = 0;
  for (let k = 1; k <= nPost; k++) {
    cum += observed[t0 + k - 1]! - counterfactual[t0 + k - 1]!;
    const h = tq * nT * Math.sqrt(s2 * (k + (k * k) / t0));
    lower.push(cum - h); upper.push(cum + h);
  }
  return {
    method: 'did', observed, counterfactual,
    attCi: se > 0 ? [att - tq * se, att + tq * se] : null,
    pValue: se > 0 ? 2 * (1 - tCdf(Math.abs(att) / se, df)) : null,
    weights, cumBand: { lower, upper }, notes: [],
  };
}
