import { iso31662 } from 'iso-3166';
import { parseCampaign } from '../shared/domain/campaign.ts';
import { addDays } from '../shared/domain/dates.ts';
import { metaDailyExportLines } from '../shared/demo/meta-export.ts';
import { poisson, seededRandom } from '../shared/demo/random.ts';
import { analyseCampaign } from '../shared/pipeline/analyse-campaign.ts';
import { compactLake } from '../shared/pipeline/compact-lake.ts';
import { ingestFile } from '../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { reportReads, type ReportReads } from './report-reads.ts';


/**
 * A lake holding 50 campaigns over 3 years (ads by day x region, partner counts by day in 40
 * regions), then one campaign's report: what it reads (report-reads.ts), as loaded and compacted.
 */
export async function benchReportCost(root: string): Promise<{ asLoaded: ReportReads; compacted: ReportReads }> {
  const store = new LocalFolderStore(root);
  await buildCostLake(store);
  const asLoaded = await reportReads(store, COST_CAMPAIGN, COST_AS_OF);
  // The same after `campaign compact` (as a weekly run would leave it).
  await compactLake(store);
  await compactLake(store, { deleteAfterMs: 0 });
  return { asLoaded, compacted: await reportReads(store, COST_CAMPAIGN, COST_AS_OF) };
}

/** The campaign whose report is measured, and its date. */
export const COST_CAMPAIGN = 'campaign-25';
export const COST_AS_OF = '2025-07-01';

/** The 50-campaign lake as ingest leaves it (one file per upload and partition). */
export async function buildCostLake(store: LocalFolderStore): Promise<void> {
  const regions = iso31662.filter((s) => s.parent === 'GB' && /^[A-Za-z ]+$/.test(s.name)).slice(0, 40);
  const rand = seededRandom(5);
  for (let k = 0; k < 50; k++) {
    const start = addDays('2024-01-01', k * 21);
    const mine = regions.slice((k * 3) % 36, ((k * 3) % 36) + 4);
    const name = `Campaign ${String(k + 1).padStart(2, '0')}`;
    await registerCampaign(store, parseCampaign({
      id: `campaign-${k + 1}`, name, timezone: 'Europe/London', start, end: addDays(start, 27),
      regions: { targeted: mine.slice(0, 2).map((r) => r.code), control: mine.slice(2).map((r) => r.code) },
      adCampaigns: [{ platform: 'meta', namePattern: name }], currency: 'GBP',
      goals: [{ kind: 'total', metric: 'impressions', target: 100000 }, { kind: 'uplift', metric: 'helpline_calls', target: 10 }],
    }));
    const csv = [...metaDailyExportLines({ seed: k, campaigns: [name], adSets: ['A', 'B', 'C', 'D'], regions: mine.map((r) => r.name), start, days: 28, impressionsPerRow: 900, ctr: 0.01, cpm: 5 })].join('');
    await ingestFile(store, `${name}.csv`, new TextEncoder().encode(csv));
  }
  for (const [i, r] of regions.entries()) {
    const lines = ['region,period_start,period,channel,count'];
    for (let d = 0; d < 3 * 365; d++) {
      const day = addDays('2024-01-01', d);
      lines.push(`${r.code},${day},day,helpline_calls,${poisson(rand, 4)}`, `${r.code},${day},day,referrals,${poisson(rand, 1)}`);
    }
    await ingestFile(store, `p${i}.csv`, new TextEncoder().encode(lines.join('\n')), { partnerId: `partner-${i}`, today: '2030-01-01' });
  }
  // Warm up on another campaign so module loading is not counted.
  const warm = await DuckDbEngine.open(store);
  await analyseCampaign(store, warm, 'campaign-10', { asOf: '2024-10-01' });
  await warm.close();
}
