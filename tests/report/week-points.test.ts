import { describe, expect, it } from 'vitest';
import { lineChart } from '../../shared/report/charts.ts';

describe('weekly points', () => {
  it('sit at the week start the axis names, not mid-week', () => {
    const weeks = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];
    const svg = lineChart({ id: 'w', title: 't', desc: 'd', yLabel: 'Calls', series: [{ label: 'X', points: weeks.map((date, i) => ({ date, value: 20 + i, days: 7 })) }] });
    // The x of the marker for the week of 9 March equals the x of the "9 Mar" tick.
    const markerX = Number(/<circle cx="([\d.]+)"[^>]*><title>X, 9 March 2026/.exec(svg)?.[1] ?? /x="([\d.]+)"[^>]*><title>X, 9 March 2026/.exec(svg)?.[1]);
    const tickX = Number(/<text x="([\d.]+)"[^>]*>9 Mar<\/text>/.exec(svg)?.[1]);
    expect(Number.isFinite(markerX) && Number.isFinite(tickX)).toBe(true);
    expect(Math.abs(markerX - tickX)).toBeLessThan(1);
  });
});

describe('running delivery chart', () => {
  it('draws the daily pace the impressions goal needs', async () => {
    const { runningSample } = await import('./sample.ts');
    const { deliveryChart } = await import('../../shared/report/charts.ts');
    const r = runningSample();
    const goal = r.goals.find((g) => g.kind === 'total' && g.metric === 'impressions' && g.regions.length === 0)!;
    expect(goal).toBeDefined();
    const svg = deliveryChart(r, 'd')!;
    const days = (Date.parse(r.campaign.end) - Date.parse(r.campaign.start)) / 86_400_000 + 1;
    expect(svg).toContain('class="pace"');
    expect(svg).toContain(`${Math.round(goal.target / days).toLocaleString('en-GB')} a day`);
  });
});

describe('weeks not every partner reported (issue 10)', () => {
  it('are gaps in the line, never a dip; a week between two gaps keeps its marker', () => {
    const dates = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString().slice(0, 10));
    const points = dates.map((date, i) => ({ date, value: i === 30 || i === 32 ? null : 100, days: 7 }));
    const svg = lineChart({ id: 'g', title: 't', desc: 'd', yLabel: 'Calls', series: [{ label: 'X', points }] });
    const path = /<path d="([^"]+)" fill="none"/.exec(svg)![1]!;
    expect(path.match(/M/g)!.length).toBe(2); // the line restarts after the gap and never goes to 0
    expect((svg.match(/<title>X, /g) ?? []).length).toBe(1); // only the lone week 31 has a marker (60 weeks: lines only)
  });
});
