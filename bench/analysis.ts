import { parseCampaign } from '../shared/domain/campaign.ts';
import { addDays } from '../shared/domain/dates.ts';
import { poisson, seededRandom } from '../shared/demo/random.ts';
import { analyseCampaign } from '../shared/pipeline/analyse-campaign.ts';
import { ingestFile } from '../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { iso31662 } from 'iso-3166';

/**
 * A campaign over 200 regions (100 targeted, 100 control) with 2 years of daily partner counts
 * in two channels; returns the seconds to analyse it (after the lake is built).
 */
export async function benchAnalysis(root: string): Promise<{ rows: number; seconds: number }> {
  const store = new LocalFolderStore(root);
  const regions = iso31662.filter((s) => /^[A-Z]{2}-[A-Z0-9]{2,3}$/.test(s.code)).slice(0, 200).map((s) => s.code);
  const rand = seededRandom(3);
  const start = '2025-01-01';
  let rows = 0;
  for (const [i, region] of regions.entries()) {
    const lines = ['region,period_start,period,channel,count'];
    for (let d = 0; d < 730; d++) {
      const day = addDays(start, d);
      lines.push(`${region},${day},day,helpline_calls,${poisson(rand, 3 + (i % 7))}`);
      lines.push(`${region},${day},day,referrals,${poisson(rand, 1)}`);
    }
    rows += lines.length - 1;
    const r = await ingestFile(store, `${region}.csv`, new TextEncoder().encode(lines.join('\n')), { partnerId: `partner-${i}`, today: '2030-01-01' });
    if (r.status !== 'accepted') throw new Error(JSON.stringify(r.errors.slice(0, 2)));
  }
  const campaign = parseCampaign({
    id: 'bench-200-regions',
    name: 'Bench campaign',
    timezone: 'Europe/London',
    start: '2026-09-01',
    end: '2026-10-31',
    baseline: { start: '2025-01-01', end: '2026-08-31' },
    regions: { targeted: regions.slice(0, 100), control: regions.slice(100) },
    currency: 'GBP',
    goals: [
      { kind: 'total', metric: 'helpline_calls', target: 30000 },
      { kind: 'uplift', metric: 'helpline_calls', target: 10 },
    ],
  });
  await registerCampaign(store, campaign);
  const started = performance.now();
  const engine = await DuckDbEngine.open(store);
  await analyseCampaign(store, engine, campaign.id, { asOf: '2026-11-15' });
  await engine.close();
  return { rows, seconds: (performance.now() - started) / 1000 };
}
