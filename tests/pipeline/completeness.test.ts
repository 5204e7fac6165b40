import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/analysis/completeness.ts';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { protectReport, renderHtml, renderMarkdown } from '../../shared/report/index.ts';
import type { Report } from '../../shared/report/report-types.ts';
import { tempStore } from '../support/temp-store.ts';

// The case: flat, deterministic data; a small partner in the targeted region misses 2 of the
// 4 campaign weeks. The old exposure (average days per series for every series) made +29.2%, goal met.
const START = '2026-03-02';
const END = '2026-03-29';
const FIRST = '2025-11-03'; // 17 weeks before
const weeks = Array.from({ length: 21 }, (_, i) => addDays(FIRST, 7 * i));
const shape = (w: number) => 1 + 0.08 * Math.sin(w * 1.3); // common to every region: no effect anywhere

function weekly(partner: string, region: string, base: number, skip: string[] = []): string {
  const lines = ['partner,region,location,period_start,period,channel,count'];
  weeks.forEach((d, w) => { if (!skip.includes(d)) lines.push(`${partner},${region},Office,${d},week,helpline_calls,${Math.round(base * shape(w))}`); });
  return `${lines.join('\n')}\n`;
}

/** Daily rows whose weeks add up to the same weekly shape: mixed grains in one control region. */
function daily(partner: string, region: string, perDay: number): string {
  const lines = ['partner,region,location,period_start,period,channel,count'];
  weeks.forEach((d, w) => { for (let i = 0; i < 7; i++) lines.push(`${partner},${region},Desk,${addDays(d, i)},day,helpline_calls,${Math.round(perDay * shape(w))}`); });
  return `${lines.join('\n')}\n`;
}

let t: Awaited<ReturnType<typeof tempStore>>;
let engine: DuckDbEngine;
let report: Report;

beforeAll(async () => {
  t = await tempStore();
  const campaign = parseCampaign({
    id: 'gaps', name: 'Gaps', timezone: 'Europe/London', start: START, end: END,
    baseline: { start: FIRST, end: addDays(START, -1) },
    regions: { targeted: ['GB-CAM'], control: ['GB-NFK', 'GB-SFK', 'GB-ESS'] },
    currency: 'GBP',
    goals: [{ kind: 'uplift', metric: 'helpline_calls', target: 10 }, { kind: 'lift', metric: 'helpline_calls', target: 10 }],
  });
  await registerCampaign(t.store, campaign);
  // An earlier campaign that targeted a control region during the baseline: its weeks are not "no campaign".
  await registerCampaign(t.store, parseCampaign({ id: 'earlier', name: 'Earlier', timezone: 'Europe/London', start: '2025-12-01', end: '2025-12-14', regions: { targeted: ['GB-NFK'] }, currency: 'GBP' }));
  const files: [string, string, string][] = [
    ['big', 'big.csv', weekly('big', 'GB-CAM', 300)],
    ['small', 'small.csv', weekly('small', 'GB-CAM', 60, ['2026-03-09', '2026-03-16'])],
    ['nfk', 'nfk.csv', weekly('nfk', 'GB-NFK', 250)],
    ['sfk', 'sfk.csv', weekly('sfk', 'GB-SFK', 200)],
    ['ess', 'ess.csv', weekly('ess', 'GB-ESS', 280)],
    ['essd', 'ess-daily.csv', daily('essd', 'GB-ESS', 10)],
  ];
  for (const [partnerId, name, csv] of files) await ingestFile(t.store, name, new TextEncoder().encode(csv), { partnerId });
  engine = await DuckDbEngine.open(t.store);
  ({ report } = await analyseCampaign(t.store, engine, 'gaps', { asOf: '2026-04-05' }));
});
afterAll(async () => {
  await engine.close();
  await t.cleanup();
});

describe('partners that miss weeks (issue 10)', () => {
  it('finds no rise on flat data with a partner missing 2 of 4 campaign weeks, and the uplift goal is not met', () => {
    const pooled = report.serviceDemand.find((d) => d.region === 'targeted' && d.window === 'campaign')!;
    expect(pooled.rateRatio!).toBeGreaterThan(0.97);
    expect(pooled.rateRatio!).toBeLessThan(1.03);
    expect(pooled.ciLow!).toBeLessThan(1);
    expect(pooled.pValue!).toBeGreaterThan(0.05);
    const uplift = report.goals.find((g) => g.kind === 'uplift')!;
    expect(uplift.status).not.toBe('met');
    expect(Math.abs(uplift.actual!)).toBeLessThan(3);
  });

  it('finds no lift either: missing weeks are left out, never read as zero; daily and weekly rows share one grain', () => {
    const l = report.lift!.find((x) => x.window === 'campaign')!.result;
    expect(l.lift).not.toBeNull();
    expect(Math.abs(l.lift!)).toBeLessThan(0.03);
    expect(report.goals.find((g) => g.kind === 'lift')!.status).not.toBe('met');
    const notes = l.notes!.join(' ');
    expect(notes).toMatch(/daily and weekly rows were brought to whole Monday weeks/);
    expect(notes).toMatch(/never read as zero/);
  });

  it('leaves out of the baseline the weeks another campaign targeted one of the regions, and says so', () => {
    const nfk = report.completeness!.series.find((s) => s.partner === 'nfk')!;
    expect(nfk.windows.find((w) => w.window === 'baseline')).toMatchObject({ reportedDays: 119 - 14, missingWeeks: ['2025-12-01..2025-12-14'] });
    expect(report.baselineNote).toMatch(/Left out of it: 2 partner row\(s\) from when another campaign \(earlier\) targeted these regions/);
  });

  it('says in the report which partner reported which weeks', () => {
    const small = report.completeness!.series.find((s) => s.partner === 'small')!;
    const campaign = small.windows.find((w) => w.window === 'campaign')!;
    expect(campaign).toMatchObject({ reportedDays: 14, days: 28, used: true, missingWeeks: ['2026-03-09..2026-03-22'] });
    expect(small.windows.find((w) => w.window === 'baseline')!.reportedDays).toBe(119);
    const md = renderMarkdown(protectReport(report));
    expect(md).toMatch(/## Data completeness/);
    expect(md).toMatch(/small \(Office\).*14 of 28 days; missing weeks: 9 to 22 March 2026/);
    expect(renderHtml(protectReport(report))).toMatch(/<h2 id="completeness-h">Data completeness<\/h2>/);
  });

  it('draws the weekly chart only from weeks every partner reported: a missed week is a gap, never a dip', () => {
    const cam = report.demandSeries.find((s) => s.channel === 'helpline_calls' && s.region === 'GB-CAM')!;
    expect(cam.missingWeeks).toEqual(expect.arrayContaining(['2026-03-09', '2026-03-16']));
    expect(cam.weeks.map((w) => w.weekStart)).not.toContain('2026-03-09');
    // Every drawn week is both partners' full week: no dip anywhere.
    for (const w of cam.weeks) expect(w.count).toBe(Math.round(300 * shape(weeks.indexOf(w.weekStart))) + Math.round(60 * shape(weeks.indexOf(w.weekStart))));
    // The weeks another campaign targeted GB-NFK are out of its series, so out of the chart.
    const nfk = report.demandSeries.find((s) => s.region === 'GB-NFK')!;
    expect(nfk.missingWeeks).toEqual(expect.arrayContaining(['2025-12-01', '2025-12-08']));
    // The shared copy: the pooled control line leaves out the weeks any control region missed, and the
    // caption says what a gap means.
    const shared = protectReport(report);
    const control = shared.demandSeries.find((s) => s.region === 'control')!;
    expect(control.weeks.map((w) => w.weekStart)).not.toContain('2025-12-01');
    expect(control.missingWeeks).toContain('2025-12-01');
    for (const w of control.weeks) expect(Number.isNaN(w.count) || w.count > 600).toBe(true);
    expect(renderHtml(shared)).toMatch(/A gap in a line is a week not every partner of that region reported in full/);
  });
});
