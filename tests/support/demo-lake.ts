import { generateDemo } from '../../shared/demo/demo-data.ts';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { tempStore } from './temp-store.ts';

/** A temp lake holding the demo campaign, its exports and partner counts. */
export async function demoLake() {
  const t = await tempStore();
  const demo = generateDemo();
  const campaign = parseCampaign(demo.campaign);
  await registerCampaign(t.store, campaign);
  for (const [name, content] of Object.entries(demo.adExports)) await ingestFile(t.store, name, new TextEncoder().encode(content));
  for (const u of demo.partnerUploads) await ingestFile(t.store, u.fileName, new TextEncoder().encode(u.content), { partnerId: u.partnerId });
  return { ...t, demo, campaign };
}
