import { describe, expect, it } from 'vitest';
import { valueForMoney } from '../../shared/analysis/value-for-money.ts';
import type { CampaignLift, Delivery } from '../../shared/report/report-types.ts';
import { loadSample } from '../report/sample.ts';

const delivery = (spend: number | null, reach: Delivery['reach']): Delivery => ({ ...loadSample().delivery, spend, reach, currency: 'GBP' });
const lift = (incremental: number, lower: number, upper: number): CampaignLift => {
  const l = structuredClone(loadSample().lift![0]!);
  l.window = 'campaign';
  l.channel = 'helpline_calls';
  Object.assign(l.result, { incremental, lift: 0.2, ciLow: lower > 0 ? 0.05 : -0.05, ciHigh: 0.35, cumulative: [{ date: l.end, incremental, lower, upper }] });
  return l;
};

describe('value for money', () => {
  it('cost per additional contact with its interval; cost per 1,000 reached', () => {
    const v = valueForMoney(delivery(10_000, { value: 400_000, kind: 'period' }), [lift(200, 50, 350)]);
    expect(v.costPerThousandReached).toBeCloseTo(25, 12);
    expect(v.perContact[0]).toMatchObject({ cost: 50, costLow: 10_000 / 350, costHigh: 200 });
  });

  it('"not estimable" when the interval of additional contacts includes zero; a lower bound with upper-bound reach', () => {
    const v = valueForMoney(delivery(10_000, { value: 1_000_000, kind: 'daily_sum_upper_bound' }), [lift(80, -20, 180)]);
    expect(v.perContact[0]).toMatchObject({ cost: null, note: expect.stringMatching(/not estimable: .*includes zero/) });
    expect(v.assumptions.join(' ')).toMatch(/cost per 1,000 people reached is a lower bound/);
  });

  it('SROI-style value from the campaign file\'s inputs, every assumption stated', () => {
    const v = valueForMoney(delivery(10_000, { value: 400_000, kind: 'period' }), [lift(200, 50, 350)], { valuePerContact: 150, deadweight: 0.1, attribution: 0.25, dropOff: 0.5, years: 2 });
    // 200 x 150 x 0.9 x 0.75 x (1 + 0.5) = 30,375
    expect(v.sroi!.value).toBeCloseTo(30_375, 9);
    expect(v.sroi!.ratio).toBeCloseTo(3.0375, 12);
    expect(v.sroi!.valueLow).toBeCloseTo(50 * 150 * 0.9 * 0.75 * 1.5, 9);
    expect(v.assumptions.join(' ')).toMatch(/150 GBP.*Deadweight 10%.*Attribution 25%.*2 years with a drop-off of 50%/);
  });
});
