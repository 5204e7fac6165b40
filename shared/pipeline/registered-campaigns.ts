/**
 * The campaign registry read from the store (campaigns/<id>/campaign.json), not through SQL: on
 * Athena the campaign tables' partition is injected, so a query must name each campaign it reads
 * and cannot ask "every other campaign" (CONSTRAINT_VIOLATION). One LIST and a GET per campaign,
 * the same on a local folder and on S3.
 */
import type { Campaign } from '../domain/campaign.ts';
import { isCampaignKey, PREFIX } from '../lake/layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { readRegisteredCampaign } from './register-campaign.ts';

/** Every registered campaign, earliest start first. A definition that no longer parses is an error naming its key. */
export async function registeredCampaigns(store: ObjectStore): Promise<Campaign[]> {
  const keys = (await store.list(PREFIX.campaigns)).map((o) => o.key).filter(isCampaignKey);
  const out: Campaign[] = [];
  for (const key of keys) out.push(await readRegisteredCampaign(store, key));
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

/** Another campaign's targeted region that is one of this campaign's regions (targeted or control), with its dates. */
export interface CampaignOverlap {
  id: string;
  start: string;
  end: string;
  region: string;
}

/**
 * Other registered campaigns that targeted any of a campaign's regions, so that its baseline leaves
 * their periods out (demand then was not "without a campaign"). Earliest first, one entry per
 * campaign and region.
 */
export function campaignOverlaps(c: Campaign, registered: readonly Campaign[]): CampaignOverlap[] {
  const mine = new Set([...c.regions.targeted, ...(c.regions.control ?? [])]);
  const out: CampaignOverlap[] = [];
  for (const other of registered) {
    if (other.id === c.id) continue;
    for (const region of new Set(other.regions.targeted)) if (mine.has(region)) out.push({ id: other.id, start: other.start, end: other.end, region });
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id) || a.region.localeCompare(b.region));
}
