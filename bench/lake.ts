/**
 * The append-only lake at the file counts it will reach: 50 partners x 200 weekly uploads =
 * 10,000 uploads, each its own small file and commit. Measures a report's read (open + query)
 * before and after `campaign compact`, and one real ingest into that lake.
 */
import { addDays } from '../shared/domain/dates.ts';
import { partitionFileKey, partitionValueOf } from '../shared/lake/layout.ts';
import { writeParquet } from '../shared/lake/parquet.ts';
import { SERVICE_DEMAND, type Row } from '../shared/lake/tables.ts';
import { newUpload, writeCommit } from '../shared/lake/uploads.ts';
import { compactLake } from '../shared/pipeline/compact-lake.ts';
import { ingestFile } from '../shared/pipeline/ingest-file.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';

const PARTNERS = 50;
const WEEKS = 200;
const REPORT_SQL = `SELECT partner_id, channel, SUM(count) AS n FROM service_demand WHERE year BETWEEN '2023' AND '2026' GROUP BY 1, 2`;

export interface LakeBench {
  uploads: number;
  filesBefore: number;
  filesAfter: number;
  readBeforeSeconds: number;
  readAfterSeconds: number;
  compactSeconds: number;
  ingestAt10kSeconds: number;
  sameAnswers: boolean;
}

async function timedRead(store: LocalFolderStore): Promise<{ seconds: number; rows: string }> {
  const started = performance.now();
  const engine = await DuckDbEngine.open(store);
  const rows = await engine.query(`${REPORT_SQL} ORDER BY 1, 2`);
  await engine.close();
  return { seconds: (performance.now() - started) / 1000, rows: JSON.stringify(rows) };
}

const countFiles = async (store: LocalFolderStore) => (await store.list('curated/')).length;

export async function benchLake(root: string): Promise<LakeBench> {
  const store = new LocalFolderStore(root);
  // The files and commits an ingest writes, written directly (10,000 ingests through the whole
  // reader would take minutes; one real ingest below shows the per-upload cost at this size).
  for (let w = 0; w < WEEKS; w++) {
    const week = addDays('2023-01-02', 7 * w);
    for (let p = 0; p < PARTNERS; p++) {
      const partner = `partner-${p}`;
      const stamp = newUpload();
      const rows: Row[] = ['helpline_calls', 'referrals'].map((channel, c) => ({
        partner_id: partner, region_code: 'GB-CAM', location: null, channel, period_start: week, period_days: 7,
        count: (p * 7 + w * 3 + c) % 40, source_key: `raw/partners/${partner}/bench.csv`, upload_id: stamp.uploadId, upload_seq: stamp.seq,
      }));
      await store.put(partitionFileKey(SERVICE_DEMAND, partitionValueOf(SERVICE_DEMAND, week), stamp.uploadId), writeParquet(SERVICE_DEMAND, rows));
      await writeCommit(store, 'service_demand', {
        upload_id: stamp.uploadId, upload_seq: stamp.seq, event: 'commit', owner: partner, raw_key: `raw/partners/${partner}/${week}.csv`,
        sha256: stamp.uploadId.replace(/\D/g, '').padEnd(64, '0').slice(0, 64), file_name: `${week}.csv`, format: 'partner-csv', rows: 2,
        replaced: 0, periods: `${week}..${week}`, replaced_periods: null, reason: null, options: null, at: new Date().toISOString(),
      });
    }
  }
  const filesBefore = await countFiles(store);
  const before = await timedRead(store);
  const ingestStarted = performance.now();
  const one = await ingestFile(store, 'late.csv', new TextEncoder().encode('region,week_start,channel,count\nGB-CAM,2026-11-02,helpline_calls,4\n'), { partnerId: 'partner-7', today: '2030-01-01' });
  if (one.status !== 'accepted') throw new Error(JSON.stringify(one.errors));
  const ingestAt10kSeconds = (performance.now() - ingestStarted) / 1000;
  const withOne = await timedRead(store);
  const compactStarted = performance.now();
  await compactLake(store);
  await compactLake(store, { deleteAfterMs: 0 }); // delete the merged files (no reader is open here)
  const compactSeconds = (performance.now() - compactStarted) / 1000;
  const after = await timedRead(store);
  return {
    uploads: PARTNERS * WEEKS + 1,
    filesBefore,
    filesAfter: await countFiles(store),
    readBeforeSeconds: before.seconds,
    readAfterSeconds: after.seconds,
    compactSeconds,
    ingestAt10kSeconds,
    sameAnswers: after.rows === withOne.rows,
  };
}
