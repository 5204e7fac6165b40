import YAML from 'yaml';
import { goalDirection, parseCampaign, type Campaign } from '../domain/campaign.ts';
import { campaignKey, partitionFileKey } from '../lake/layout.ts';
import { writeParquet } from '../lake/parquet.ts';
import { CAMPAIGN_AD_CAMPAIGNS, CAMPAIGN_GOALS, CAMPAIGN_REGIONS, CAMPAIGNS, type Row, type TableDef } from '../lake/tables.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Parse a campaign file's text (YAML or JSON; JSON is YAML) and validate it. */
export function parseCampaignText(text: string, source: string): Campaign {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid YAML or JSON: ${(e as Error).message}`);
  }
  return parseCampaign(doc, source);
}

/**
 * Register (or update) a campaign: its definition goes to campaigns/<id>/campaign.json and its
 * goals, regions and ad-campaign matches to curated tables, so that SQL can join them.
 */
export async function registerCampaign(store: ObjectStore, campaign: Campaign): Promise<string[]> {
  const id = campaign.id;
  const tables: [TableDef, Row[]][] = [
    [CAMPAIGNS, [campaignRow(campaign)]],
    [CAMPAIGN_GOALS, campaign.goals.map((g) => ({
      campaign_id: id,
      goal_id: g.id,
      kind: g.kind,
      metric: g.metric,
      target: g.target,
      direction: goalDirection(g),
      regions: (g.regions ?? []).join(','),
      partly_at: campaign.partlyAt,
    }))],
    [CAMPAIGN_REGIONS, [
      ...campaign.regions.targeted.map((r) => ({ campaign_id: id, region_code: r, role: 'targeted' })),
      ...(campaign.regions.control ?? []).map((r) => ({ campaign_id: id, region_code: r, role: 'control' })),
    ]],
    [CAMPAIGN_AD_CAMPAIGNS, campaign.adCampaigns.flatMap((a) => [
      ...(a.namePattern ? [{ campaign_id: id, platform: a.platform, name_like: likePattern(a.namePattern), campaign_ref: '' }] : []),
      ...(a.ids ?? []).map((ref) => ({ campaign_id: id, platform: a.platform, name_like: '', campaign_ref: ref })),
    ])],
  ];
  const written: string[] = [];
  for (const [table, rows] of tables) {
    const key = partitionFileKey(table, id, id);
    if (rows.length === 0) await store.delete(key);
    else {
      await store.put(key, writeParquet(table, rows));
      written.push(key);
    }
  }
  await store.put(campaignKey(id), JSON.stringify(campaign, null, 2));
  written.push(campaignKey(id));
  return written;
}

/** Read a registered campaign back. */
export async function loadCampaign(store: ObjectStore, id: string): Promise<Campaign> {
  const key = campaignKey(id);
  if (!(await store.exists(key))) throw new Error(`No campaign "${id}" is registered in ${store.location} (looked for ${key})`);
  return readRegisteredCampaign(store, key);
}

/** The campaign stored at a campaignKey; a definition that no longer parses is an error naming the key. */
export async function readRegisteredCampaign(store: ObjectStore, key: string): Promise<Campaign> {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(await store.get(key)));
  } catch (e) {
    throw new Error(`${key}: the registered campaign is not valid JSON (${(e as Error).message}); register it again with campaign register`);
  }
  return parseCampaign(doc, key);
}

function campaignRow(c: Campaign): Row {
  return {
    campaign_id: c.id,
    name: c.name,
    timezone: c.timezone,
    start_date: c.start,
    end_date: c.end,
    baseline_start: c.baseline.start,
    baseline_end: c.baseline.end,
    currency: c.currency,
  };
}

/** `Fenland*` -> `Fenland%`: campaign-name patterns use `*`, SQL LIKE uses `%`. */
export function likePattern(glob: string): string {
  return glob.replace(/\*/g, '%');
}
