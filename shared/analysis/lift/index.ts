import { chooseMethod, insufficiency } from './auto.ts';
import { finalize, insufficientResult, type CoreEstimate } from './core.ts';
import { estimateDid } from './did.ts';
import { estimateScm } from './estimate-scm.ts';
import { buildPanel } from './panel.ts';
import { estimatePrepost } from './prepost.ts';
import { estimateTbr } from './tbr.ts';
import type { LiftInput, LiftMethod, LiftResult, WidePanel } from './types.ts';

export type { LiftInput, LiftMethod, LiftResult, PanelObservation, SeriesPoint, CumulativePoint } from './types.ts';
export { LiftInputError } from './panel.ts';
export { minimumDetectableLift } from './power.ts';

/** Internal knobs (tests, power simulation); not part of the public contract. */
export interface LiftTuning { ridge?: boolean; fixedEffects?: boolean; lambda?: number; permutations?: number; skipCi?: boolean }

/** Run one estimator on a prepared panel. */
export function runMethod(p: WidePanel, method: LiftMethod, alpha: number, seed: number, tuning: LiftTuning = {}): CoreEstimate {
  switch (method) {
    case 'scm': return estimateScm(p, { alpha, seed, ...tuning });
    case 'tbr': return estimateTbr(p, alpha);
    case 'did': return estimateDid(p, alpha);
    case 'prepost': return estimatePrepost(p, alpha);
  }
}

/**
 * Estimate the effect of a geo campaign on treated regions versus controls.
 * Chooses the method automatically unless one is requested, and returns `insufficient` with null numbers
 * when the data cannot support a claim. Deterministic for a given `seed`.
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
  const core = runMethod(p, choice.method, alpha, seed, tuning);
  return finalize(p, core, choice.reason, alpha);
}
