import { describe, expect, it } from 'vitest';
import { buildPanel } from '../../../shared/analysis/lift/panel.ts';
import { densePanel, estimateLift, minimumDetectableLift, type DensePanel, type LiftInput, type PanelObservation } from '../../../shared/analysis/lift/index.ts';
import { synthPanel } from './helpers.ts';

/** The dense form of long observations, built independently of densePanel: one row per location, NaN where absent. */
function handDense(panel: PanelObservation[]): DensePanel {
  const locations = [...new Set(panel.map((o) => o.location))];
  const dates = [...new Set(panel.map((o) => o.date))].sort();
  const rows = locations.map((l) => Float64Array.from(dates, (d) => {
    const own = panel.filter((o) => o.location === l && o.date === d);
    return own.length ? own.reduce((a, o) => a + o.value, 0) : Number.NaN;
  }));
  return { locations, dates, rows };
}

const obs = (location: string, date: string, value: number): PanelObservation => ({ location, date, value });

describe('the dense panel and long observations: one set of rules', () => {
  // Gaps in a treated and a control region, a control too incomplete to keep, duplicate rows.
  const s = synthPanel({ locations: 12, days: 70, testDays: 14, lift: 0.1, seed: 5 });
  const long = s.panel
    .filter((o) => !(o.location === s.treated[0] && o.date === s.dates[20]))
    .filter((o) => !(o.location === 'r11' && o.date < s.dates[30]!))
    .filter((o) => !(o.location === 'r10' && o.date === s.dates[60]))
    .flatMap((o) => (o.location === 'r9' && o.date === s.dates[3] ? [obs(o.location, o.date, 0.1), obs(o.location, o.date, 0.2)] : [o]));
  const input: LiftInput = { panel: long, treated: s.treated, start: s.start, end: s.end, preStart: s.dates[2]! };

  it('the test panel has what it is about', () => {
    expect(s.treated).not.toContain('r11');
    const wide = buildPanel(input);
    expect(wide.notes.join(' ')).toMatch(/dropped 1 control location\(s\).*r11/);
    expect(wide.notes.join(' ')).toMatch(/2 date\(s\) left out/);
  });

  it('long observations become rows with NaN where absent and duplicates summed in input order', () => {
    const d = densePanel(long);
    expect(d).toEqual(handDense(long));
    const l9 = d.rows[d.locations.indexOf('r9')]!;
    expect(l9[d.dates.indexOf(s.dates[3]!)]).toBe(0 + 0.1 + 0.2);
  });

  it('buildPanel and estimateLift give the same panel and the same result from either form', () => {
    const dense = { ...input, panel: handDense(long) };
    expect(buildPanel(dense)).toEqual(buildPanel(input));
    expect(estimateLift(dense)).toEqual(estimateLift(input));
    expect(buildPanel({ ...dense, missing: 'zero' })).toEqual(buildPanel({ ...input, missing: 'zero' }));
  });

  it('a date or a location without any value is not in the panel, as when there is no row for it', () => {
    const d = handDense(long);
    const withEmpty: DensePanel = {
      locations: [...d.locations, 'EMPTY'],
      dates: [...d.dates, '2099-01-01'],
      rows: [...d.rows.map((r) => Float64Array.from([...r, Number.NaN])), new Float64Array(d.dates.length + 1).fill(Number.NaN)],
    };
    expect(densePanel(withEmpty)).toEqual(d);
    expect(buildPanel({ ...input, panel: withEmpty })).toEqual(buildPanel(input));
    expect(() => buildPanel({ ...input, panel: withEmpty, control: ['EMPTY'] })).toThrow(/control location "EMPTY" is not in the panel/);
  });

  it('the power simulation reads either form the same', () => {
    const opts = { treated: s.treated, durationDays: 7, simulations: 5, method: 'did' as const };
    expect(minimumDetectableLift({ ...opts, panel: handDense(long) })).toEqual(minimumDetectableLift({ ...opts, panel: long }));
  });

  it('refuses a dense panel that breaks the form, with the same words as for rows', () => {
    const d = handDense(long);
    const bad = (p: Partial<DensePanel>) => () => buildPanel({ ...input, panel: { ...d, ...p } });
    expect(bad({ dates: [...d.dates].reverse() })).toThrow(/dates must be increasing/);
    expect(bad({ dates: d.dates.map((x, k) => (k === 4 ? '2026/01/01' : x)) })).toThrow(/date "2026\/01\/01" is not YYYY-MM-DD/);
    expect(bad({ locations: d.locations.map((l, i) => (i === 1 ? d.locations[0]! : l)) })).toThrow(/locations must be distinct/);
    expect(bad({ rows: d.rows.map((r, i) => (i === 0 ? r.subarray(1) : r)) })).toThrow(/has \d+ values for \d+ dates/);
    const inf = d.rows.map((r, i) => (i === 2 ? Float64Array.from(r, (x, k) => (k === 5 ? Infinity : x)) : r));
    expect(bad({ rows: inf })).toThrow(`value for ${d.locations[2]} on ${d.dates[5]} is not a finite number`);
    expect(() => buildPanel({ ...input, panel: [obs('A', d.dates[5]!, Infinity)] })).toThrow(`value for A on ${d.dates[5]} is not a finite number`);
  });
});
