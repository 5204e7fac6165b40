import { protectReport } from '../../shared/report/index.ts';
import { describe, expect, it } from 'vitest';
import { deliveryChart, demandChart, lineChart, standaloneSvg } from '../../shared/report/charts.ts';
import { loadSample } from './sample.ts';

describe('charts', () => {
  it('draws a generic line chart with a band, negative values and a zero line', () => {
    const svg = lineChart({
      id: 'cum',
      title: 'Cumulative incremental calls',
      desc: 'Cumulative extra calls with a 95% band.',
      yLabel: 'Extra calls',
      series: [{ label: 'Incremental', points: [{ date: '2026-03-02', value: -3.5 }, { date: '2026-03-03', value: 4.2 }, { date: '2026-03-04', value: 12 }] }],
      band: { label: '95% interval', points: [{ date: '2026-03-02', low: -9, high: 2 }, { date: '2026-03-03', low: -4, high: 11 }, { date: '2026-03-04', low: 1, high: 25 }] },
    });
    expect(svg).toMatch(/^<svg class="chart" id="cum" role="img" aria-labelledby="cum-title cum-desc"/);
    expect(svg).toContain('<title id="cum-title">Cumulative incremental calls</title>');
    expect(svg).toContain('<desc id="cum-desc">Cumulative extra calls with a 95% band.</desc>');
    expect(svg).toContain('class="band"');
    expect(svg).toContain('>-10</text>');
    expect(svg).not.toContain('small-band'); // values are not counts unless asked
    expect(svg).toContain('Incremental, 3 March 2026: 4.2');
  });

  it('never plots a suppressed count at its value', () => {
    const svg = lineChart({
      id: 's',
      title: 't',
      desc: 'd',
      yLabel: 'Calls',
      series: [{ label: 'X', suppressSmallCounts: true, points: [{ date: '2026-03-02', value: 3, days: 7 }, { date: '2026-03-09', value: 20, days: 7 }] }],
    });
    expect(svg).toContain('X, 2 March 2026: &lt;5</title>');
    expect(svg).not.toMatch(/: 3<\/title>/);
    expect(svg).toContain('class="small-band"');
    // The hollow marker sits at 2.5 on the 0..20 axis, whatever the real value (1 to 4).
    const other = lineChart({
      id: 's',
      title: 't',
      desc: 'd',
      yLabel: 'Calls',
      series: [{ label: 'X', suppressSmallCounts: true, points: [{ date: '2026-03-02', value: 1, days: 7 }, { date: '2026-03-09', value: 20, days: 7 }] }],
    });
    expect(other).toBe(svg);
  });

  it('builds the delivery and demand charts from a report', () => {
    const r = loadSample();
    expect(deliveryChart(protectReport(r), 'd')).toContain('The campaign period, 2 to 29 March 2026, is shaded.');
    expect(demandChart(protectReport(r), 'helpline_calls', 'h')).toContain('Control regions (pooled)');
    expect(demandChart(protectReport(r), 'no_such_channel', 'x')).toBeNull();
    r.delivery.days = [];
    expect(deliveryChart(protectReport(r), 'd')).toBeNull();
  });

  it('can add the SVG namespace for standalone files', () => {
    expect(standaloneSvg('<svg class="chart"></svg>')).toBe('<svg xmlns="http://www.w3.org/2000/svg" class="chart"></svg>');
  });
});
