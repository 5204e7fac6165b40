import { conformalSetup, invertTest } from './conformal.ts';
import type { CoreEstimate } from './core.ts';
import { demean } from './fixed-effects.ts';
import { sumRows } from './panel.ts';
import type { PrefixGrams } from './prefix-gram.ts';
import { LARGE_PANEL } from './ridge-cv.ts';
import { fitAscm, predictScm } from './scm.ts';
import type { WidePanel } from './types.ts';

export interface ScmOptions {
  alpha: number; seed: number;
  /** ridge augmentation (augsynth progfunc="Ridge"); default true */
  ridge?: boolean;
  /** unit fixed effects (augsynth fixedeff); default true, as in the GeoLift walkthrough */
  fixedEffects?: boolean;
  lambda?: number;
  permutations?: number;
  /** skip the interval (power simulations only need the p-value) */
  skipCi?: boolean;
  /** the point estimate only, no inference at all (placebo tests only need the lift) */
  pointOnly?: boolean;
  /** Grams of the control rows over prefixes, shared with the placebo fits (large panels only) */
  prefixGrams?: PrefixGrams;
}

/**
 * Augmented synthetic control on the mean of the treated locations with conformal inference.
 * Returns weights per control location (ridge weights can be slightly negative) and the chosen lambda.
 */
export function estimateScm(p: WidePanel, o: ScmOptions): CoreEstimate & { lambda: number | null } {
  const T = p.dates.length; const nT = p.treated.length; const { t0, t1 } = p;
  const fe = o.fixedEffects ?? true;
  const observed = sumRows(p.yT, T);
  const x1 = observed.map((v) => v / nT);
  const ctrl = fe ? p.yC.map((r) => demean(r, t0).row) : p.yC;
  const x1d = fe ? demean(x1, t0) : { row: x1, mean: 0 };
  // ridge augmentation interpolates noise when controls are many relative to pre-periods
  const ridgeOk = t0 >= 2 * p.yC.length;
  const ridge = (o.ridge ?? true) && ridgeOk;
  // Large panels take the Gram from the shared prefix Grams (one pass over the columns for all placebo fits).
  const shared = (cols: number) => (o.prefixGrams && p.yC.length * cols > LARGE_PANEL && o.prefixGrams.matches(p.yC, cols) ? o.prefixGrams.gram(cols, fe) : undefined);
  const gram = shared(t0);
  // ... and start the weights from the last fit on the same rows (the placebo fits are near it).
  const fit = fitAscm(ctrl, x1d.row, t0, { ridge, lambda: o.lambda, gram, ...(gram && o.prefixGrams?.warm ? { warm: o.prefixGrams.warm } : {}) });
  if (gram && o.prefixGrams) o.prefixGrams.warm = fit.synth;
  const cfMean = predictScm(ctrl, fit.weights, T).map((v) => v + x1d.mean);
  const counterfactual = cfMean.map((v) => v * nT);
  const weights: Record<string, number> = {};
  p.control.forEach((c, i) => { weights[c] = fit.weights[i]!; });
  const nPost = t1 - t0;
  if (o.pointOnly) return { method: 'scm', observed, counterfactual, attCi: null, pValue: null, weights, notes: [], lambda: fit.lambda };
  // Large panels start the first null's weights from the fit's (its problem has the test periods too).
  const nullGram = shared(t1);
  const setup = conformalSetup(p.yC, x1, t0, t1, { lambda: fit.lambda, fixedEffects: fe, permutations: o.permutations ?? 1000, seed: o.seed, gram: nullGram, ...(nullGram ? { warm: fit.synth } : {}) });
  // Bonferroni combination of GeoLift's "no effect in any period" statistic and the average-effect statistic:
  // the first catches uneven effects, the second small steady shifts; the combined p-value stays valid.
  const pSum = setup.pAt(0, 'sum');
  const pValue = Math.min(1, 2 * Math.min(setup.pAt(0, 'abs'), pSum));
  const base: CoreEstimate & { lambda: number | null } = {
    method: 'scm', observed, counterfactual, attCi: null, pValue, weights, notes: [], lambda: fit.lambda,
    // The interval below inverts the 'sum' test: it leaves out zero exactly when this test rejects zero.
    zeroRejected: pSum < o.alpha,
  };
  if (fit.lambda !== null) base.notes.push(`ridge lambda ${fit.lambda.toPrecision(3)}`);
  if (fit.ridgeFailed) base.notes.push('ridge augmentation could not be fitted (the control series are too alike), so plain synthetic control is used');
  if ((o.ridge ?? true) && !ridgeOk) base.notes.push('ridge augmentation skipped: fewer than two pre-period points per control region');
  if (o.skipCi) return base;
  let att = 0; let sq = 0; let preSq = 0;
  for (let t = t0; t < t1; t++) { const d = x1[t]! - cfMean[t]!; att += d / nPost; sq += (d * d) / nPost; }
  for (let t = 0; t < t0; t++) preSq += (x1[t]! - cfMean[t]!) ** 2 / t0;
  const scale = Math.max(2 * Math.sqrt(sq), (4 * Math.sqrt(preSq)) / Math.sqrt(nPost));
  base.attCi = invertTest((tau) => setup.pAt(tau, 'sum'), att, scale, o.alpha, { endsFirst: setup.interpolates });
  if (pValue < o.alpha && base.attCi[0] <= 0 && base.attCi[1] >= 0) {
    base.notes.push('the test period departs from the synthetic control, but the interval for the average effect still includes zero');
  }
  // cumulative band: permutation quantiles of k-period residual sums under H0 "effect = estimate"
  const e = setup.residualsAt(att);
  const ns = setup.perms.length / nPost;
  const lower: number[] = []; const upper: number[] = [];
  let cum = 0;
  const sums = new Float64Array(ns);
  const abs = new Float64Array(ns);
  for (let k = 0; k < nPost; k++) {
    cum += observed[t0 + k]! - counterfactual[t0 + k]!;
    for (let s = 0; s < ns; s++) sums[s] = sums[s]! + e[setup.perms[s * nPost + k]!]!;
    // A typed array sorts numerically without a comparator call per pair: the same order.
    for (let s = 0; s < ns; s++) abs[s] = Math.abs(sums[s]!);
    abs.sort();
    const q = abs[Math.min(ns - 1, Math.ceil((1 - o.alpha) * ns) - 1)]! * nT;
    lower.push(cum - q); upper.push(cum + q);
  }
  base.cumBand = { lower, upper };
  return base;
}
