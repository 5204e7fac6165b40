import type { CoreEstimate } from './core.ts';
import { tCdf, tQuantile } from './distributions.ts';
import { sumRows } from './panel.ts';
import type { WidePanel } from './types.ts';

/**
 * Difference in differences on the ratio scale (proportional DiD): the counterfactual treated mean is the
 * control mean scaled by the pre-period treated/control ratio, so regions of different size share a
 * multiplicative trend (the usual structure of counts). The interval treats pre-period gaps as noise:
 * var(ATT) = s²(1/nPost + (C̄post/C̄pre)²/nPre), Student t with nPre-1 degrees of freedom.
 */
export function estimateDid(p: WidePanel, alpha: number): CoreEstimate {
  const T = p.dates.length; const { t0, t1 } = p;
  const nT = p.treated.length; const nC = p.yC.length;
  const observed = sumRows(p.yT, T);
  const tm = observed.map((v) => v / nT);
  const cm = sumRows(p.yC, T).map((v) => v / nC);
  let tPre = 0; let cPre = 0; let cPost = 0;
  for (let t = 0; t < t0; t++) { tPre += tm[t]! / t0; cPre += cm[t]! / t0; }
  const nPost = t1 - t0;
  for (let t = t0; t < t1; t++) cPost += cm[t]! / nPost;
  const k = cPre > 0 ? tPre / cPre : 0;
  // without a control baseline fall back to additive differences
  const cfMean = cm.map((v) => (cPre > 0 ? k * v : tPre + v - cPre));
  const counterfactual = cfMean.map((v) => v * nT);
  let att = 0;
  for (let t = t0; t < t1; t++) att += (tm[t]! - cfMean[t]!) / nPost;
  let s2 = 0;
  for (let t = 0; t < t0; t++) s2 += (tm[t]! - cfMean[t]!) ** 2 / Math.max(t0 - 1, 1);
  const ratio = cPre > 0 ? cPost / cPre : 1;
  const se = Math.sqrt(s2 * (1 / nPost + (ratio * ratio) / t0));
  const df = Math.max(t0 - 1, 1);
  const tq = tQuantile(1 - alpha / 2, df);
  const weights: Record<string, number> = {};
  for (const c of p.control) weights[c] = 1 / nC;
  const lower: number[] = []; const upper: number[] = [];
  let cum = 0;
  for (let j = 1; j <= nPost; j++) {
    cum += observed[t0 + j - 1]! - counterfactual[t0 + j - 1]!;
    const h = tq * nT * Math.sqrt(s2 * (j + (j * j * ratio * ratio) / t0));
    lower.push(cum - h); upper.push(cum + h);
  }
  return {
    method: 'did', observed, counterfactual,
    attCi: se > 0 ? [att - tq * se, att + tq * se] : null,
    pValue: se > 0 ? 2 * (1 - tCdf(Math.abs(att) / se, df)) : null,
    weights, cumBand: { lower, upper }, notes: ['proportional (ratio-scale) difference in differences'],
  };
}
