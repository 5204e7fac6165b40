import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { demoLake } from '../support/demo-lake.ts';

let lake: Awaited<ReturnType<typeof demoLake>>;
beforeAll(async () => {
  lake = await demoLake();
}, 120_000);
afterAll(() => lake.cleanup());

describe('follow-up view', () => {
  it('puts the campaign, 3-month and 6-month results side by side, each from its own window', async () => {
    const engine = await DuckDbEngine.open(lake.store);
    try {
      const [three, six] = lake.campaign.followUps;
      const at3 = (await analyseCampaign(lake.store, engine, lake.campaign.id, { asOf: three!.asOf, label: three!.label })).report;
      const out = await analyseCampaign(lake.store, engine, lake.campaign.id, { asOf: six!.asOf, label: six!.label });
      const view = out.report.followUpView!;
      expect(view.columns).toEqual(['Campaign', '3 months', '6 months']);
      const row = view.rows.find((r) => r.channel === 'helpline_calls' && r.measure === 'change_vs_baseline')!;
      const pooled = (r: typeof at3, w: string) => r.serviceDemand.find((d) => d.channel === 'helpline_calls' && d.region === 'targeted' && d.window === w)!;
      expect(row.values[0]!.value).toBeCloseTo((pooled(out.report, 'campaign').rateRatio! - 1) * 100, 9);
      expect(row.values[1]!.value).toBeCloseTo((pooled(at3, 'follow_up').rateRatio! - 1) * 100, 9);
      expect(row.values[2]!.value).toBeCloseTo((pooled(out.report, 'follow_up').rateRatio! - 1) * 100, 9);
      const md = new TextDecoder().decode(await lake.store.get(out.keys.markdown));
      expect(md).toMatch(/\| Measure \| Campaign \| 3 months \| 6 months \|/);
    } finally {
      await engine.close();
    }
  });
});
