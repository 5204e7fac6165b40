import { chooseMethod, insufficiency } from './auto.ts';
import { finalize, insufficientResult } from './core.ts';
import { calibrate, placeboLifts } from './calibrate.ts';
import { buildPanel } from './panel.ts';
import { PrefixGrams } from './prefix-gram.ts';
import { runMethod, type LiftTuning } from './run-method.ts';
import type { LiftInput, LiftResult } from './types.ts';

export type { DensePanel, LiftInput, LiftMethod, LiftResult, PanelObservation, SeriesPoint, CumulativePoint } from './types.ts';
export type { LiftTuning } from './run-method.ts';
export { densePanel, LiftInputError } from './panel.ts';
export { minimumDetectableLift, type MdlOptions, type MdlResult } from './power.ts';

/**
 * Estimate the effect of a geo campaign on treated regions versus controls.
 * Chooses the method automatically unless one is requested, and returns `insufficient` with null numbers
 * when the data cannot support a claim. Deterministic for a given `seed`.
 * @param tuning internal knobs for tests and simulations (ridge on/off, fixed effects, permutations)
 * @throws LiftInputError for unusable input (unknown locations, bad dates, empty test period).
 */
export function estimateLift(input: LiftInput, tuning: LiftTuning = {}): LiftResult {
  const alpha = input.alpha ?? 0.05;
  const seed = input.seed ?? 1;
  const p = buildPanel(input);
  const requested = input.method && input.method !== 'auto' ? input.method : null;
  const choice = requested ? { method: requested, reason: 'requested' } : chooseMethod(p);
  const why = insufficiency(p, choice.method);
  if (why) return insufficientResult(choice.method, choice.reason, why, p.t0);
  // Synthetic control's fit, inference and placebo fits share the Grams of the control rows' prefixes.
  if (choice.method === 'scm' && !tuning.prefixGrams) tuning = { ...tuning, prefixGrams: new PrefixGrams(p.yC) };
  const core = runMethod(p, choice.method, alpha, seed, tuning);
  const result = finalize(p, core, choice.reason, alpha);
  if (tuning.calibrate === false) return result;
  // The ridge penalty chosen on the whole pre-period is reused by the placebo fits (no CV per placebo).
  const lambda = 'lambda' in core && typeof core.lambda === 'number' ? core.lambda : tuning.lambda;
  return calibrate(p, core, result, alpha, placeboLifts(p, choice.method, alpha, seed, { ...tuning, lambda }));
}
