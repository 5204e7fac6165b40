import type { CoreEstimate } from './core.ts';
import { estimateDid } from './did.ts';
import { estimateScm } from './estimate-scm.ts';
import { estimatePrepost } from './prepost.ts';
import { estimateTbr } from './tbr.ts';
import type { PrefixGrams } from './prefix-gram.ts';
import type { LiftMethod, WidePanel } from './types.ts';

/** Internal knobs (tests, power simulation); not part of the public contract. */
export interface LiftTuning {
  ridge?: boolean; fixedEffects?: boolean; lambda?: number; permutations?: number; skipCi?: boolean; pointOnly?: boolean;
  /** false: the method's own inference only, as published (reproductions); default true */
  calibrate?: boolean;
  /** control-row Grams shared by a fit and its placebo fits (set by estimateLift) */
  prefixGrams?: PrefixGrams;
}

/** Run one estimator on a prepared panel. */
export function runMethod(p: WidePanel, method: LiftMethod, alpha: number, seed: number, tuning: LiftTuning = {}): CoreEstimate {
  switch (method) {
    case 'scm': return estimateScm(p, { alpha, seed, ...tuning });
    case 'tbr': return estimateTbr(p, alpha);
    case 'did': return estimateDid(p, alpha);
    case 'prepost': return estimatePrepost(p, alpha);
  }
}
