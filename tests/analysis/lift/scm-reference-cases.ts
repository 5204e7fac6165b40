import type { SynthOptions } from './helpers.ts';

/**
 * Panels on which synthetic control's answers were recorded from the solver before the national-scale
 * work (commit 8f5bf90, fixtures/lift/scm-reference.json): one small panel (below LARGE_PANEL, where the
 * answers must be bit for bit the same) and two large ones (the shared-factor forms, equal to rounding),
 * one with a sparse synthetic control (few treated regions) and one dense (half the regions treated).
 */
export const SCM_REFERENCE_CASES: Record<string, { panel: SynthOptions; large: boolean }> = {
  small: { panel: { locations: 30, days: 200, testDays: 14, treated: 3, lift: 0.1, seed: 21 }, large: false },
  largeSparse: { panel: { locations: 130, days: 400, testDays: 28, treated: 10, lift: 0.05, seed: 22 }, large: true },
  largeDense: { panel: { locations: 160, days: 500, testDays: 30, treated: 80, lift: 0, seed: 23 }, large: true },
};
