/**
 * A partner lake of `regions` regions x `days` daily counts x 2 channels (one partner per region),
 * written as ingest writes it: one Parquet file per upload and year, then its commit. Files are
 * written directly (thousands of ingests through the CSV reader would measure ingest, not analysis).
 */
import { iso31662 } from 'iso-3166';
import { parseCampaign } from '../shared/domain/campaign.ts';
import { addDays } from '../shared/domain/dates.ts';
import { poisson, seededRandom } from '../shared/demo/random.ts';
import { partitionFileKey, partitionValueOf } from '../shared/lake/layout.ts';
import { writeParquet } from '../shared/lake/parquet.ts';
import { SERVICE_DEMAND, type Row } from '../shared/lake/tables.ts';
import { newUpload, writeCommit } from '../shared/lake/uploads.ts';
import { registerCampaign } from '../shared/pipeline/register-campaign.ts';
import type { ObjectStore } from '../shared/storage/object-store.ts';

/** The last day of data; campaigns end on it and are analysed as of AS_OF. */
export const DATA_END = '2026-10-31';
export const AS_OF = '2026-11-15';

export function benchRegions(count: number): string[] {
  const codes = iso31662.filter((s) => /^[A-Z]{2}-[A-Z0-9]{2,3}$/.test(s.code)).map((s) => s.code);
  if (codes.length < count) throw new Error(`only ${codes.length} region codes available`);
  return codes.slice(0, count);
}

/** Write the lake and register a campaign on it (half the regions targeted, half control); returns rows and its id. */
export async function buildAnalysisLake(store: ObjectStore, regionCount: number, days: number): Promise<{ rows: number; campaignId: string }> {
  const regions = benchRegions(regionCount);
  const rand = seededRandom(3);
  const start = addDays(DATA_END, -(days - 1));
  let rows = 0;
  for (const [i, region] of regions.entries()) {
    const partner = `partner-${i}`;
    const stamp = newUpload();
    const source = `raw/partners/${partner}/2030-01-01/bench.csv`;
    const byYear = new Map<string, Row[]>();
    for (let d = 0; d < days; d++) {
      const day = addDays(start, d);
      const year = partitionValueOf(SERVICE_DEMAND, day);
      let list = byYear.get(year);
      if (!list) byYear.set(year, (list = []));
      for (const [channel, mean] of [['helpline_calls', 3 + (i % 7)], ['referrals', 1]] as const)
        list.push({ partner_id: partner, region_code: region, location: null, channel, period_start: day, period_days: 1, count: poisson(rand, mean), source_key: source, upload_id: stamp.uploadId, upload_seq: stamp.seq });
    }
    for (const [year, list] of byYear) {
      await store.put(partitionFileKey(SERVICE_DEMAND, year, stamp.uploadId), writeParquet(SERVICE_DEMAND, list));
      rows += list.length;
    }
    await writeCommit(store, 'service_demand', {
      upload_id: stamp.uploadId, upload_seq: stamp.seq, event: 'commit', owner: partner, raw_key: source,
      sha256: stamp.uploadId.replace(/\D/g, '').padEnd(64, '0').slice(0, 64), file_name: 'bench.csv', format: 'partner-csv', rows: 2 * days,
      replaced: 0, periods: `${start}..${DATA_END}`, replaced_periods: null, reason: null, options: null, at: new Date().toISOString(),
    });
  }
  const campaignId = `bench-${regionCount}-regions-${days}-days`;
  const half = Math.floor(regionCount / 2);
  await registerCampaign(store, parseCampaign({
    id: campaignId,
    name: 'Bench campaign',
    timezone: 'Europe/London',
    start: '2026-09-01',
    end: DATA_END,
    baseline: { start, end: '2026-08-31' },
    regions: { targeted: regions.slice(0, half), control: regions.slice(half) },
    currency: 'GBP',
    goals: [
      { kind: 'total', metric: 'helpline_calls', target: 30000 },
      { kind: 'uplift', metric: 'helpline_calls', target: 10 },
    ],
  }));
  return { rows, campaignId };
}
