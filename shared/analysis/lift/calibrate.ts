/**
 * Inference calibrated on the pre-period (in-time placebo tests): the estimator is re-run on
 * pseudo test periods of the campaign's length cut from the history before it, where there was no
 * campaign. The spread of those placebo lifts is what the method really gets wrong when nothing
 * happens, including residual autocorrelation, weekly shape and drifting regions that the model's own
 * interval ignores. The reported p-value is the larger of the model's and the placebo-calibrated
 * one (Student t with as many degrees of freedom as placebos) and the interval is the union.
 * A trend in the pre-period gap between the treated regions and their counterfactual is checked too.
 */
import { MIN_PRE } from './auto.ts';
import { finalize, type CoreEstimate } from './core.ts';
import { tCdf, tQuantile } from './distributions.ts';
import { simpleOls } from './linalg.ts';
import { runMethod, type LiftTuning } from './run-method.ts';
import type { LiftMethod, LiftResult, WidePanel } from './types.ts';

/** Fewer placebo tests than this and no effect is claimed: the interval cannot be checked. */
export const MIN_PLACEBOS = 2;
/** The newest placebo tests only: enough to calibrate, and bounded cost on long histories. */
export const MAX_PLACEBOS = 12;

/**
 * The panel cut after column `end`, with the last `d` columns as the pseudo test period. The rows are
 * views of the panel's (the estimators only read them): twelve copies of a national panel's rows
 * were hundreds of MB to collect.
 */
export function truncate(p: WidePanel, end: number, d: number): WidePanel {
  const cut = (r: Float64Array): Float64Array => r.subarray(0, end + 1);
  return { ...p, dates: p.dates.slice(0, end + 1), yT: p.yT.map(cut), yC: p.yC.map(cut), t0: end + 1 - d, t1: end + 1, notes: [] };
}

/** Lifts estimated on non-overlapping pseudo test periods inside the pre-period (newest first). */
export function placeboLifts(p: WidePanel, method: LiftMethod, alpha: number, seed: number, tuning: LiftTuning = {}): number[] {
  const d = p.t1 - p.t0; const out: number[] = [];
  for (let end = p.t0 - 1; end + 1 - d >= MIN_PRE[method] && out.length < MAX_PLACEBOS; end -= d) {
    const w = truncate(p, end, d);
    const core = runMethod(w, method, alpha, seed, { ...tuning, skipCi: true, pointOnly: true });
    const r = finalize(w, core, '', alpha);
    if (r.lift !== null && Number.isFinite(r.lift)) out.push(r.lift);
  }
  return out;
}

/** Trend of the pre-period gap (observed / counterfactual - 1) per period, with its two-sided p-value. */
export function preTrend(core: CoreEstimate, t0: number): { slope: number; pValue: number } | null {
  const x: number[] = []; const y: number[] = [];
  for (let t = 0; t < t0; t++) if (core.counterfactual[t]! > 0) { x.push(t); y.push(core.observed[t]! / core.counterfactual[t]! - 1); }
  if (x.length < 6) return null;
  const fit = simpleOls(x, y);
  if (!(fit.varB > 0)) return null;
  const tStat = fit.b / Math.sqrt(fit.varB);
  return { slope: fit.b, pValue: 2 * (1 - tCdf(Math.abs(tStat), fit.df)) };
}

/** Apply placebo calibration and the pre-trend check to a finished result. */
export function calibrate(p: WidePanel, core: CoreEstimate, r: LiftResult, alpha: number, placebos: number[]): LiftResult {
  if (r.lift === null) return r;
  const out: LiftResult = { ...r, notes: [...(r.notes ?? [])] };
  const k = placebos.length;
  const diagnostics: string[] = [];
  if (k < MIN_PLACEBOS) {
    out.refused = `the period before the campaign allows only ${k} placebo test(s) of the campaign's length (at least ${MIN_PLACEBOS} are needed), so the interval cannot be checked against what the method finds when nothing happens; no effect is claimed (a longer baseline would help)`;
    diagnostics.push(`${k} placebo test(s): too few to calibrate`);
  } else {
    // A lift is a ratio: the counterfactual's error scales with the observed level, so by (1 + lift).
    const sd = Math.sqrt(placebos.reduce((s, v) => s + v * v, 0) / k) * Math.max(1, 1 + r.lift);
    const tq = tQuantile(1 - alpha / 2, k);
    const pPlacebo = sd > 0 ? 2 * (1 - tCdf(Math.abs(r.lift) / sd, k)) : r.pValue ?? 1;
    const lo = r.lift - tq * sd; const hi = r.lift + tq * sd;
    const widened = (r.ciLow === null || lo < r.ciLow) || (r.ciHigh !== null && hi > r.ciHigh);
    out.ciLow = r.ciLow === null ? lo : Math.min(r.ciLow, lo);
    out.ciHigh = r.ciHigh === null ? null : Math.max(r.ciHigh, hi);
    out.pValue = Math.max(r.pValue ?? 0, pPlacebo);
    diagnostics.push(`${k} placebo tests before the campaign: typical placebo lift ±${(sd * 100).toFixed(1)}%${widened ? ', which widened the interval' : ', within the model interval'}`);
  }
  const trend = preTrend(core, p.t0);
  if (trend) {
    const mid = (p.t0 + p.t1 - 1) / 2 - (p.t0 - 1) / 2; // periods from the pre-period's centre to the test's centre
    const drift = trend.slope * mid;
    if (trend.pValue < 0.05) {
      const big = trend.pValue < 0.01 && Math.abs(drift) > Math.abs(r.lift) / 2;
      diagnostics.push(`the treated regions drift away from the counterfactual before the campaign (${(trend.slope * 100).toFixed(2)}% per period, p ${trend.pValue.toFixed(3)})`);
      if (big) out.refused ??= `before the campaign the treated regions were already drifting away from the control regions (by about ${(drift * 100).toFixed(1)}% by the middle of the test, a large part of the estimated lift), so the change cannot be put down to the campaign`;
    } else diagnostics.push('no trend in the gap before the campaign');
  }
  out.diagnostics = diagnostics;
  return out;
}
