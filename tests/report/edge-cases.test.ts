import { protectReport } from '../../shared/report/index.ts';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown } from '../../shared/report/index.ts';
import type { Report } from '../../shared/report/report-types.ts';
import { htmlCells, markdownCells } from './sample.ts';

/** A campaign that has not started: no delivery, no demand, no control regions, JPY. */
function emptyReport(): Report {
  return {
    schemaVersion: 1,
    internal: true,
    notice: 'Internal.',
    generatedAt: '2026-01-05T09:00:00Z',
    asOf: '2026-01-05',
    phase: 'not_started',
    campaign: {
      id: 'k',
      name: 'Nairobi & Mombasa <pilot>',
      timezone: 'Africa/Nairobi',
      start: '2026-02-01',
      end: '2026-02-28',
      baseline: { start: '2026-01-04', end: '2026-01-31' },
      currency: 'JPY',
      regions: { targeted: ['KE-30'], control: [] },
      followUps: [],
    },
    goals: [],
    delivery: { impressions: 0, clicks: 0, link_clicks: 0, spend: 0, currency: 'JPY', reach: { value: null, kind: 'none' }, ctr: null, cpm: null, cpc: null, days: [], byRegion: [] },
    serviceDemand: [],
    demandSeries: [],
    narrative: [],
    caveats: [],
  };
}

describe('edge cases', () => {
  it('renders a report with no data without blanks, NaN or undefined', () => {
    const r = emptyReport();
    const md = renderMarkdown(protectReport(r));
    const html = renderHtml(protectReport(r));
    for (const out of [md, html]) {
      expect(out).not.toMatch(/undefined|NaN|null/);
      expect(out).toContain('No goals were set for this campaign.');
      expect(out).toContain('No service-demand data was available.');
    }
    expect(md).toContain('The campaign has not started yet. It runs 1 to 28 February 2026.');
    expect(md).toContain('| Spend | JPY 0 |');
    expect(md).toContain('| Click-through rate (CTR) | – |');
    expect(md).toContain('none (no geo-lift comparison)');
    expect(html).not.toContain('<svg');
    expect(html).toContain('<h1>Nairobi &amp; Mombasa &lt;pilot&gt;</h1>');
  });

  it('keeps small counts suppressed in goals, pacing and delivery by region', () => {
    const r = emptyReport();
    r.phase = 'running';
    r.asOf = '2026-02-10';
    r.goals = [
      {
        id: 'total-helpline-calls-1',
        label: 'Helpline calls',
        kind: 'total',
        metric: 'helpline_calls',
        direction: 'at_least',
        target: 50,
        actual: 3,
        attainment: 0.06,
        status: 'pending',
        regions: [],
        pacing: { elapsedDays: 10, totalDays: 28, projected: 8.4, projectedAttainment: 0.168 },
      },
    ];
    r.delivery.byRegion = [{ region: 'KE-30', impressions: 4, clicks: 2, link_clicks: 1, spend: 0.5 }];
    const md = renderMarkdown(protectReport(r));
    const html = renderHtml(protectReport(r));
    for (const cells of [markdownCells(md), htmlCells(html)]) expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    // Attainment (6%) and the projection would give the count back: neither is shown.
    expect(md).toContain('| Helpline calls | at least 50 | <5 | not shown | **Pending** |');
    expect(md).not.toContain('projected');
    expect(html).not.toContain('6%');
  });
});
