import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../shared/report/disclosure/ledger.ts';

describe('a thin cell the published rule cannot protect', () => {
  it('fails closed: weeks of 1 beside shown zeros force a total of 4, so protect() refuses rather than publish it', () => {
    const l = new Ledger(5);
    const total = l.figure('cell', 4, 0);
    const weeks = [1, 1, 1, 1, 0].map((v, i) => l.figure(`week ${i}`, v, 1));
    l.relate([total], weeks, 'cell = its weeks');
    expect(() => l.protect()).toThrow(/cannot protect .*no shared report was written/);
  });

  it('protects the same cell when one week is a 2 (the weeks no longer force the total)', () => {
    const l = new Ledger(5);
    const total = l.figure('cell', 4, 0);
    const weeks = [2, 1, 1, 0].map((v, i) => l.figure(`week ${i}`, v, 1));
    l.relate([total], weeks, 'cell = its weeks');
    expect(() => l.protect()).not.toThrow();
  });
});
