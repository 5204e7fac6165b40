/**
 * The four ways the issue recovered a hidden count, each as a small report, plus the rules.
 * Each test renders the shared files and runs the audit's attacks on them.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates.ts';
import { Contributions, protectReport, renderHtml, renderMarkdown } from '../../../shared/report/index.ts';
import { Ledger } from '../../../shared/report/disclosure/ledger.ts';
import { resolveRules, roundCount } from '../../../shared/report/disclosure/rules.ts';
import type { DemandComparison, Report } from '../../../shared/report/report-types.ts';
import { loadSample } from '../sample.ts';
import { attack, linearAttack, readPublished } from './audit.ts';

const WEEKS = Array.from({ length: 8 }, (_, i) => addDays('2026-02-02', 7 * i)); // 4 baseline, 4 campaign

/** A report with weekly counts per region (targeted GB-CAM, GB-LIN; control GB-NFK, GB-SFK); tables summed from them. */
function mini(counts: Record<string, number[]>, channel = 'helpline_calls'): Report {
  const r = loadSample();
  r.lift = [];
  r.goals = [];
  delete r.followUp;
  r.phase = 'post';
  r.asOf = '2026-04-05';
  const role = (g: string) => (r.campaign.regions.targeted.includes(g) ? 'targeted' : 'control');
  r.demandSeries = Object.entries(counts).map(([region, c]) => ({ channel, region, role: role(region), weeks: c.map((count, i) => ({ weekStart: WEEKS[i]!, count, days: 7 })) }));
  const row = (region: string, b: number, c: number, rl: 'targeted' | 'control'): DemandComparison => ({
    channel, region, role: rl, window: 'campaign', baseline: b, campaign: c, baselineDays: 28, campaignDays: 28,
    rateRatio: b > 0 ? c / b : null, ciLow: b > 0 ? (c / b) * 0.5 : null, ciHigh: b > 0 ? (c / b) * 2 : null, pValue: 0.5,
  });
  const sum = (c: number[], from: number) => c.slice(from, from + 4).reduce((a, b) => a + b, 0);
  r.serviceDemand = [];
  for (const rl of ['targeted', 'control'] as const) {
    const regions = Object.keys(counts).filter((g) => role(g) === rl);
    if (!regions.length) continue;
    for (const g of regions) r.serviceDemand.push(row(g, sum(counts[g]!, 0), sum(counts[g]!, 4), rl));
    r.serviceDemand.push(row(rl, regions.reduce((a, g) => a + sum(counts[g]!, 0), 0), regions.reduce((a, g) => a + sum(counts[g]!, 4), 0), rl));
  }
  r.narrative = [];
  return r;
}

function breaches(r: Report, opts: Parameters<typeof protectReport>[1] = {}, contributions?: Contributions) {
  const p = protectReport(r, opts);
  const md = renderMarkdown(p);
  const pub = readPublished(r, md, renderHtml(p));
  return { md, pub, found: [...attack(r, pub, p.rules.threshold, contributions), ...linearAttack(r, pub, p.rules.threshold)] };
}

describe('the attacks of issue 11, each blocked', () => {
  it('charts minus tables: a window total and its shown weeks never give the hidden week (6 - 5 = 1)', () => {
    const r = mini({ 'GB-CAM': [9, 8, 7, 9, 5, 0, 0, 1], 'GB-LIN': [20, 22, 19, 21, 25, 24, 23, 26], 'GB-NFK': [10, 11, 9, 12, 10, 9, 11, 10], 'GB-SFK': [8, 7, 9, 6, 7, 8, 9, 7] });
    // Without the disclosure step the attack works (the audit is not blind).
    const open = readPublished(r, renderMarkdown(protectReport(r)), '');
    for (const [k, v] of [...open.table]) if (v === 'hidden') open.table.set(k, r.serviceDemand.find((d) => k.startsWith(`${d.channel}|${d.window}|${d.region}|`))![k.endsWith('baseline') ? 'baseline' : 'campaign']);
    open.weeks.set('helpline_calls|Cambridgeshire|16 March 2026', 0);
    open.weeks.set('helpline_calls|Cambridgeshire|9 March 2026', 0);
    open.weeks.set('helpline_calls|Cambridgeshire|2 March 2026', 5);
    open.weeks.set('helpline_calls|Cambridgeshire|23 March 2026', 'hidden');
    expect(attack(r, open, 5).some((b) => b.truth === 1)).toBe(true);
    const { found, pub } = breaches(r);
    expect(pub.weeks.get('helpline_calls|Cambridgeshire|23 March 2026')).toBe('hidden');
    expect(found).toEqual([]);
  });

  it('figures over different rows: a goal actual (all series) minus the table (series in both windows) gives nothing', () => {
    const r = mini({ 'GB-CAM': [9, 8, 7, 9, 10, 9, 8, 9], 'GB-LIN': [20, 22, 19, 21, 25, 24, 23, 26] });
    const pooled = r.serviceDemand.find((d) => d.region === 'targeted')!;
    // A site that started during the campaign: 3 calls in the goal, none in the table.
    r.goals = [{ id: 'calls', label: 'Helpline calls', kind: 'total', metric: 'helpline_calls', direction: 'at_least', target: 100, actual: pooled.campaign + 3, attainment: (pooled.campaign + 3) / 100, status: 'met', regions: [] }];
    const p = protectReport(r);
    const goalHidden = Number.isNaN(p.goals[0]!.actual!);
    const tableHidden = Number.isNaN(p.serviceDemand.find((d) => d.region === 'targeted')!.campaign);
    expect(goalHidden || tableHidden).toBe(true);
    expect(breaches(r).found).toEqual([]);
  });

  it('the narrative never states what the tables hide: the change is named without a number', () => {
    const r = mini({ 'GB-CAM': [3, 4, 2, 5, 1, 0, 1, 1], 'GB-LIN': [0, 0, 0, 0, 0, 0, 0, 0] });
    const { md, found } = breaches(r);
    const summary = md.split('## Summary (draft)')[1]!;
    expect(summary).toContain('The change in helpline calls during the campaign is not shown');
    expect(summary).not.toMatch(/helpline calls per day (rose|fell|changed)/);
    expect(found).toEqual([]);
  });

  it('pacing never gives back a hidden actual ("on track for 20% of the target" of 10)', () => {
    const r = mini({ 'GB-CAM': [3, 4, 2, 5, 1, 0, 0, 0], 'GB-LIN': [9, 8, 9, 9, 0, 0, 0, 0] });
    r.phase = 'running';
    r.asOf = '2026-03-08';
    r.goals = [{ id: 'calls', label: 'Helpline calls in Cambridgeshire', kind: 'total', metric: 'helpline_calls', direction: 'at_least', target: 10, actual: 1, attainment: 0.1, status: 'pending', regions: ['GB-CAM'], pacing: { elapsedDays: 7, totalDays: 28, projected: 4, projectedAttainment: 0.4 } }];
    const p = protectReport(r);
    expect(p.goals[0]!.pacing).toBeUndefined();
    expect(p.narrative.join(' ')).not.toContain('on track');
    const md = renderMarkdown(p);
    expect(md).toMatch(/\| Helpline calls in Cambridgeshire[^\n]*\| <5 \| not shown \|/);
  });

  it('partners subtracting themselves: a figure that is one partner plus 1 to 4 of another is hidden', () => {
    const r = mini({ 'GB-CAM': [20, 22, 19, 21, 25, 24, 23, 26], 'GB-LIN': [9, 8, 9, 9, 10, 9, 8, 9] });
    // GB-CAM: partner A has everything but 2 calls in the first campaign week, which are B's.
    const cells = new Map<string, Map<string, number>>();
    r.demandSeries.forEach((s) =>
      s.weeks.forEach((w) => {
        const partners = new Map([[s.region === 'GB-CAM' ? 'a' : 'c', w.count]]);
        if (s.region === 'GB-CAM' && w.weekStart === '2026-03-02') partners.set('a', w.count - 2).set('b', 2);
        cells.set(`${s.channel}|${s.region}|${w.weekStart}`, partners);
      }),
    );
    const contributions = Contributions.fromCells(cells);
    const without = breaches(r, {}, contributions);
    expect(without.found.some((b) => b.what.includes('subtracts itself'))).toBe(true);
    const { found } = breaches(r, { contributions }, contributions);
    expect(found).toEqual([]);
  });

  it("partners' copy: a count from fewer than minPartners partners is hidden", () => {
    const r = mini({ 'GB-CAM': [20, 22, 19, 21, 25, 24, 23, 26], 'GB-LIN': [9, 8, 9, 9, 10, 9, 8, 9] });
    const cells = new Map<string, Map<string, number>>();
    r.demandSeries.forEach((s) => s.weeks.forEach((w) => cells.set(`${s.channel}|${s.region}|${w.weekStart}`, new Map([[s.region, w.count]]))));
    const contributions = Contributions.fromCells(cells);
    const pub = protectReport(r, { contributions });
    const partners = protectReport(r, { contributions, audience: 'partners' });
    expect(pub.serviceDemand.every((d) => Number.isFinite(d.campaign))).toBe(true);
    // Each region has one partner and the pool two: under the default of 3, none is shown to partners.
    expect(partners.serviceDemand.every((d) => Number.isNaN(d.campaign))).toBe(true);
    expect(renderHtml(partners)).toContain('This copy is for partners: a count is shown only when at least 3 partners contributed to it.');
    expect(protectReport(r, { contributions, audience: 'partners', rules: resolveRules({ minPartners: 2 }) }).serviceDemand.find((d) => d.region === 'targeted')!.campaign).toBe(
      r.serviceDemand.find((d) => d.region === 'targeted')!.campaign,
    );
  });
});

describe('fail-safe', () => {
  it("without contributions, the partners' copy shows no count (it cannot check who contributed)", () => {
    const r = mini({ 'GB-CAM': [20, 22, 19, 21, 25, 24, 23, 26], 'GB-LIN': [9, 8, 9, 9, 10, 9, 8, 9] });
    const p = protectReport(r, { audience: 'partners' });
    expect(p.serviceDemand.every((d) => Number.isNaN(d.campaign) && Number.isNaN(d.baseline))).toBe(true);
    expect(p.demandSeries.flatMap((x) => x.weeks).every((w) => Number.isNaN(w.count) || w.count === 0)).toBe(true);
  });

  it('under rounding, an uplift goal is the change of the rounded counts', () => {
    const r = mini({ 'GB-CAM': [20, 22, 19, 21, 25, 24, 23, 26], 'GB-LIN': [9, 8, 9, 9, 10, 9, 8, 9] });
    r.goals = [{ id: 'up', label: 'Rise', kind: 'uplift', metric: 'helpline_calls', direction: 'at_least', target: 10, actual: 12.3456, attainment: 1.23456, status: 'met', regions: [] }];
    const p = protectReport(r, { rules: resolveRules({ preset: 'nhs-digital' }) });
    const pooled = p.serviceDemand.find((d) => d.region === 'targeted')!;
    expect(p.goals[0]!.actual).toBeCloseTo((pooled.campaign / pooled.baseline - 1) * 100, 6);
  });
});

describe('disclosure rules', () => {
  it('resolve a preset, single overrides and a project default', () => {
    expect(resolveRules()).toEqual({ threshold: 5, roundTo: 1, minPartners: 3, preset: 'default' });
    expect(resolveRules({ preset: 'nhs-digital' })).toEqual({ threshold: 8, roundTo: 5, minPartners: 3, preset: 'nhs-digital' });
    expect(resolveRules({ preset: 'ons-10-5' })).toMatchObject({ threshold: 10, roundTo: 5 });
    expect(resolveRules({ minPartners: 5 }, { preset: 'nhs-digital' })).toMatchObject({ threshold: 8, minPartners: 5, preset: 'nhs-digital' });
    expect(roundCount(12, { roundTo: 5 })).toBe(10);
    expect(roundCount(13, { roundTo: 5 })).toBe(15);
  });

  it('round shown counts and work changes out from the rounded counts', () => {
    const r = mini({ 'GB-CAM': [20, 22, 19, 21, 25, 24, 23, 26], 'GB-LIN': [9, 8, 9, 9, 10, 9, 8, 9] });
    const p = protectReport(r, { rules: resolveRules({ preset: 'nhs-digital' }) });
    const cam = p.serviceDemand.find((d) => d.region === 'GB-CAM')!;
    expect(cam.baseline % 5).toBe(0);
    expect(cam.rateRatio).toBeCloseTo(cam.campaign / cam.baseline, 6);
    expect(renderMarkdown(p)).toContain('Other counts are rounded to the nearest 5');
  });

  it('under rounding, a row the report widened for over-dispersion keeps that widening (issue 10)', () => {
    const r = mini({ 'GB-CAM': [200, 220, 190, 210, 250, 240, 230, 260], 'GB-LIN': [90, 80, 90, 90, 100, 90, 80, 90] });
    const cam = r.serviceDemand.find((d) => d.region === 'GB-CAM')!;
    Object.assign(cam, { interval: 'quasi-poisson', dispersion: { chi2: 30, df: 6, scale: 6 } });
    const shared = protectReport(r, { rules: resolveRules({ preset: 'nhs-digital' }) }).serviceDemand.find((d) => d.region === 'GB-CAM')!;
    const lin = protectReport(r, { rules: resolveRules({ preset: 'nhs-digital' }) }).serviceDemand.find((d) => d.region === 'GB-LIN')!;
    expect(shared.rateRatio).toBeCloseTo(shared.campaign / shared.baseline, 6);
    // Poisson alone on these counts (820 -> 980) would exclude no change; the report's scale of 6 does not.
    expect(shared.ciLow!).toBeLessThan(1);
    expect(lin.ciLow).not.toBeNull(); // a row without over-dispersion keeps the exact interval
  });
});

describe('ledger', () => {
  it('hides the next-smallest part when one small cell sits next to a shown total, finest figures first', () => {
    const l = new Ledger(5);
    const total = l.figure('total', 68, 2);
    const parts = [l.figure('a', 3, 1), l.figure('b', 40, 1), l.figure('c', 25, 1)];
    l.relate([total], parts, 'total');
    expect(l.protect()).toBe(1);
    expect(['total', 'a', 'b', 'c'].map((k) => l.markOf(k))).toEqual(['shown', 'small', 'shown', 'secondary']);
  });

  it('sees the bound trick: two small cells whose remainder forces 1 and 1', () => {
    const l = new Ledger(5);
    const total = l.figure('total', 32, 2);
    l.relate([total], [l.figure('a', 1, 1), l.figure('b', 1, 1), l.figure('c', 30, 1)], 'total');
    l.protect();
    expect(l.markOf('c')).toBe('secondary');
  });

  it('treats a small residual (rows one figure counts and the other not) as a hidden count', () => {
    const l = new Ledger(5);
    l.relate([l.figure('goal', 13, 1)], [l.figure('table', 10, 2)], 'goal~table');
    l.protect();
    expect([l.markOf('goal'), l.markOf('table')]).toContain('secondary');
  });
});
