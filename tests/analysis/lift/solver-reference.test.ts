/**
 * The synthetic-control solver gives the answers of the solver before the national-scale work
 * (recorded from commit 8f5bf90 in fixtures/lift/scm-reference.json): bit for bit on a small panel,
 * to rounding on large ones (the shared-factor, tridiagonal and downdate forms of large panels).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateLift } from '../../../shared/analysis/lift/index.ts';
import { LARGE_PANEL } from '../../../shared/analysis/lift/ridge-cv.ts';
import { fixturePath, synthPanel } from './helpers.ts';
import { SCM_REFERENCE_CASES } from './scm-reference-cases.ts';

const recorded = JSON.parse(readFileSync(fixturePath('scm-reference.json'), 'utf8')) as Record<string, unknown>;

/** Every number of `got` within `tol` (relative to 1 + |want|) of `want`'s, everything else equal. */
function expectClose(got: unknown, want: unknown, tol: number, at = 'result'): void {
  if (typeof want === 'number' && typeof got === 'number') {
    if (Math.abs(got - want) > tol * (1 + Math.abs(want))) expect.fail(`${at}: ${got} against ${want}`);
  } else if (want && typeof want === 'object' && got && typeof got === 'object') {
    expect(Object.keys(got).sort(), at).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want)) expectClose((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], tol, `${at}.${k}`);
  } else expect(got, at).toEqual(want);
}

describe('synthetic control against the recorded answers of the previous solver', () => {
  it.each(Object.entries(SCM_REFERENCE_CASES))('%s panel', (name, c) => {
    const s = synthPanel(c.panel);
    const controls = c.panel.locations! - c.panel.treated!;
    expect(controls * (c.panel.days! - c.panel.testDays!) > LARGE_PANEL).toBe(c.large);
    const got = JSON.parse(JSON.stringify(estimateLift({ panel: s.panel, treated: s.treated, start: s.start, end: s.end, method: 'scm', seed: 1 })));
    if (c.large) expectClose(got, recorded[name], 1e-9);
    else expect(got).toEqual(recorded[name]);
  });
});
