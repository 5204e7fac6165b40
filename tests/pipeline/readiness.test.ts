import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { Report } from '../../shared/report/report-types.ts';
import { demoLake } from '../support/demo-lake.ts';

let lake: Awaited<ReturnType<typeof demoLake>>;
let report: Report;
let markdown: string;
let html: string;

beforeAll(async () => {
  lake = await demoLake();
  const engine = await DuckDbEngine.open(lake.store);
  try {
    // A week before the demo campaign starts (2 March 2026).
    const out = await analyseCampaign(lake.store, engine, lake.campaign.id, { asOf: '2026-02-23' });
    report = out.report;
    markdown = new TextDecoder().decode(await lake.store.get(out.keys.markdown));
    html = new TextDecoder().decode(await lake.store.get(out.keys.html));
  } finally {
    await engine.close();
  }
}, 120_000);
afterAll(() => lake.cleanup());

describe('campaign analyse before the start: the readiness report', () => {
  it('writes a report instead of crashing, with every goal as set', () => {
    expect(report.phase).toBe('not_started');
    expect(report.goals.length).toBe(lake.campaign.goals.length);
    expect(report.goals.every((g) => g.status === 'pending' && /has not started/.test(g.note ?? ''))).toBe(true);
    expect(report.delivery.impressions).toBeNull();
  });

  it('lists baseline weeks reported by partner (weeks, never counts of contacts)', () => {
    const r = report.readiness!;
    // Six partners, two channels each; a 17-week baseline, every week sent in the demo.
    expect(r.coverage).toHaveLength(12);
    expect(r.coverage.every((c) => c.weeksExpected === 17 && c.weeksComplete === 17 && c.missingWeeks.length === 0)).toBe(true);
    expect(markdown).toMatch(/## Before launch: readiness/);
    expect(markdown).toMatch(/\| fenland-helpline \| Helpline calls \| Cambridgeshire \(GB-CAM\) \| targeted \| 17 of 17 \| none \|/);
    expect(html).toContain('Baseline data by partner and week');
  });

  it('judges the control regions\' fit and gives the minimum detectable lift from the plan simulation', () => {
    const fit = report.readiness!.fit.find((f) => f.channel === 'helpline_calls')!;
    expect(fit.weeks).toBe(17);
    expect(fit.r2).not.toBeNull();
    expect(fit.text).toMatch(/R² -?\d\.\d\d over 17 baseline weeks/);
    const plan = report.readiness!.plan.find((p) => p.channel === 'helpline_calls')!;
    expect(plan.durationDays).toBe(28);
    expect(plan.mdl === null || (plan.mdl > 0 && plan.mdl <= 1)).toBe(true);
    expect(markdown).toMatch(/Smallest change the campaign could detect/);
    expect(markdown).not.toMatch(/Infinity|NaN/);
  });
});

describe('report versions', () => {
  it('keeps every run for an as-of date, marks the latest, and copies it to reports/<id>/<as-of>/', async () => {
    const engine = await DuckDbEngine.open(lake.store);
    try {
      const first = await analyseCampaign(lake.store, engine, lake.campaign.id, { asOf: '2026-02-24', now: new Date('2026-02-24T09:00:00Z') });
      const second = await analyseCampaign(lake.store, engine, lake.campaign.id, { asOf: '2026-02-24', now: new Date('2026-02-24T10:30:00Z'), pdf: async () => new TextEncoder().encode('%PDF-test') });
      expect(second.replaced).toBe(first.versionPrefix);
      const versions = JSON.parse(new TextDecoder().decode(await lake.store.get('reports/fenland-lincs-spring-2026/2026-02-24/versions.json')));
      expect(versions).toEqual([
        { generatedAt: '2026-02-24T09:00:00.000Z', prefix: 'reports/fenland-lincs-spring-2026/2026-02-24/20260224T090000000Z/', latest: false },
        { generatedAt: '2026-02-24T10:30:00.000Z', prefix: 'reports/fenland-lincs-spring-2026/2026-02-24/20260224T103000000Z/', latest: true },
      ]);
      const read = async (k: string) => new TextDecoder().decode(await lake.store.get(k));
      expect(JSON.parse(await read(`${first.versionPrefix}report.json`)).generatedAt).toBe('2026-02-24T09:00:00.000Z');
      expect(JSON.parse(await read(second.keys.json)).generatedAt).toBe('2026-02-24T10:30:00.000Z');
      expect(await read(second.keys.pdf!)).toBe('%PDF-test');
    } finally {
      await engine.close();
    }
  });
});
