import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/report/report-types.ts';
import { planCampaignSchedules } from '../../shared/scheduling/campaign-schedules.ts';
import { EventBridgeCampaignScheduler } from '../../shared/scheduling/eventbridge-scheduler.ts';
import { demoLake } from '../support/demo-lake.ts';

// The payload EventBridge Scheduler would send (the schedule's Target.Input, byte for byte) goes
// into the real analyse handler over a demo lake (DuckDB): the plan and the analysis together.
let lake: Awaited<ReturnType<typeof demoLake>>;
let analyse: typeof import('../../functions/analyse/handler.ts');
const scheduler = new EventBridgeCampaignScheduler({} as never, { groupName: 'g', functionArn: 'arn:fn', roleArn: 'arn:role', deadLetterArn: 'arn:dlq' });

beforeAll(async () => {
  lake = await demoLake();
  process.env.CAMPAIGN_STORE = lake.root;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  analyse = await import('../../functions/analyse/handler.ts');
}, 120_000);
afterAll(async () => {
  delete process.env.CAMPAIGN_STORE;
  await lake.cleanup();
});

async function runScheduled(input: string): Promise<Report> {
  const result = await analyse.handler(JSON.parse(input));
  return JSON.parse(new TextDecoder().decode(await lake.store.get(result.keys.json))) as Report;
}

describe('every planned schedule, run through the analyse handler', () => {
  it('plans a post-campaign run and both follow-ups for the demo campaign', () => {
    const { schedules } = planCampaignSchedules(lake.campaign);
    expect(schedules.map((s) => s.input.label)).toEqual(['post-campaign', '3 months', '6 months']);
  });

  it('the post-campaign run is final: phase post, no goal pending, all 28 days of delivery', async () => {
    const post = planCampaignSchedules(lake.campaign).schedules[0]!;
    const report = await runScheduled(scheduler.request(post).Target!.Input!);
    expect(report.phase).toBe('post');
    expect(report.asOf).toBe(lake.campaign.end);
    expect(report.followUp).toBeUndefined();
    expect(report.goals).toHaveLength(lake.campaign.goals.length);
    for (const g of report.goals) expect(['met', 'partly', 'missed', 'insufficient_data']).toContain(g.status);
    expect(report.goals.some((g) => g.status === 'met')).toBe(true);
    expect(report.goals.every((g) => g.pacing === undefined)).toBe(true);
    expect(report.delivery.days).toHaveLength(28);
  }, 60_000);

  it('each follow-up run is phase follow_up with its label and a window as long as the campaign, ending on its date', async () => {
    const followUps = planCampaignSchedules(lake.campaign).schedules.slice(1);
    for (const s of followUps) {
      const report = await runScheduled(scheduler.request(s).Target!.Input!);
      expect(report.phase).toBe('follow_up');
      expect(report.followUp).toMatchObject({ label: s.input.label, asOf: s.input.asOf, window: { end: s.input.asOf } });
      const days = (Date.parse(report.followUp!.window.end) - Date.parse(report.followUp!.window.start)) / 86_400_000 + 1;
      expect(days).toBe(28);
      for (const g of report.goals) expect(g.status).not.toBe('pending');
      expect(report.serviceDemand.some((d) => d.window === 'follow_up')).toBe(true);
    }
  }, 120_000);
});
