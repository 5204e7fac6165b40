/**
 * A campaign over more targeted regions than a chart draws one by one (12 targeted, 4 control),
 * with weekly partner counts, small regions beside larger ones: its charts pool the regions and
 * its report offers the per-region weekly table (report.weeks.csv).
 */
import { poisson, seededRandom } from '../../shared/demo/random.ts';
import { parseCampaign, type Campaign } from '../../shared/domain/campaign.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import type { ObjectStore } from '../../shared/storage/object-store.ts';

export const MANY_TARGETED = ['GB-CAM', 'GB-LIN', 'GB-NFK', 'GB-SFK', 'GB-ESS', 'GB-KEN', 'GB-SRY', 'GB-OXF', 'GB-BKM', 'GB-HRT', 'GB-NTH', 'GB-LEC'];
export const MANY_CONTROL = ['GB-DEV', 'GB-CON', 'GB-DOR', 'GB-SOM'];
/** A date after the campaign to analyse it as of. */
export const MANY_AS_OF = '2026-04-05';

export async function manyRegionsCampaign(store: ObjectStore, seed: number): Promise<Campaign> {
  const r = seededRandom(seed);
  const campaign = parseCampaign({
    id: `many-${seed}`, name: 'Many regions', timezone: 'Europe/London', start: '2026-03-02', end: '2026-03-29',
    baseline: { start: '2026-01-05', end: '2026-03-01' }, regions: { targeted: MANY_TARGETED, control: MANY_CONTROL }, currency: 'GBP',
    goals: [{ kind: 'total', metric: 'helpline_calls', target: 30 }],
  });
  await registerCampaign(store, campaign);
  for (const [i, region] of [...MANY_TARGETED, ...MANY_CONTROL].entries()) {
    const lines = ['region,period_start,period,channel,count'];
    // Small regions (0.2 to 2 a week) beside larger ones, so rests of the pooled line are often small.
    const mean = i % 2 === 0 ? 12 + r() * 10 : 0.2 + r() * 2;
    for (let d = '2026-01-05'; d <= '2026-04-26'; d = addDays(d, 7)) lines.push(`${region},${d},week,helpline_calls,${poisson(r, mean)}`);
    await ingestFile(store, `${region}.csv`, new TextEncoder().encode(lines.join('\n')), { partnerId: `p-${i}` });
  }
  return campaign;
}
