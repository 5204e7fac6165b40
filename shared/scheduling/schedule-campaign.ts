import { parseCampaign } from '../domain/campaign.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { planCampaignSchedules, type PlannedSchedule, type ScheduleOptions } from './campaign-schedules.ts';
import type { SyncResult } from './eventbridge-scheduler.ts';

const CAMPAIGN_KEY = /^campaigns\/([^/]+)\/campaign\.json$/;

/** The campaign id of a `campaigns/<id>/campaign.json` key, or undefined for any other key. */
export function campaignIdOfKey(key: string): string | undefined {
  return CAMPAIGN_KEY.exec(key)?.[1];
}

/** Ports of {@link scheduleCampaign}. */
export interface ScheduleCampaignDeps {
  store: Pick<ObjectStore, 'get'>;
  scheduler: { sync(campaignId: string, planned: PlannedSchedule[]): Promise<SyncResult> };
  options?: ScheduleOptions;
}

export type ScheduleCampaignResult =
  | { status: 'ignored'; key: string }
  | { status: 'scheduled'; campaignId: string; schedules: PlannedSchedule[]; past: PlannedSchedule[]; changes: SyncResult };

/**
 * Use case: a campaign definition was written to the lake; make its analysis schedules match it.
 * @example await scheduleCampaign('campaigns/kenya-2026/campaign.json', { store, scheduler, options: { now: new Date() } })
 */
export async function scheduleCampaign(key: string, deps: ScheduleCampaignDeps): Promise<ScheduleCampaignResult> {
  const idFromKey = campaignIdOfKey(key);
  if (idFromKey === undefined) return { status: 'ignored', key };
  const text = new TextDecoder().decode(await deps.store.get(key));
  const campaign = parseCampaign(JSON.parse(text), key);
  // The folder name is what reports and partitions are keyed by: refuse a mismatched document.
  if (campaign.id !== idFromKey) throw new Error(`${key}: campaign id ${campaign.id} does not match its folder ${idFromKey}`);
  const plan = planCampaignSchedules(campaign, deps.options);
  const changes = await deps.scheduler.sync(campaign.id, plan.schedules);
  return { status: 'scheduled', campaignId: campaign.id, schedules: plan.schedules, past: plan.past, changes };
}
