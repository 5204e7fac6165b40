/**
 * What one report reads from the lake and what Athena would bill for it (report-reads.ts), for the
 * 50-campaign x 3-year lake (cost.ts) and the national lake the analysis bench builds (1,000
 * regions x 5 years by default; BENCH_READS_SCALE=200x730 for a quick run), each as loaded and after
 * `campaign compact`. Run alone: `BENCH_ONLY=reads npx tsx bench/run.ts`.
 */
import path from 'node:path';
import { compactLake } from '../shared/pipeline/compact-lake.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { AS_OF, buildAnalysisLake } from './analysis-lake.ts';
import { benchReportCost } from './cost.ts';
import { readsLine, reportReads } from './report-reads.ts';

export async function benchLakeReads(dir: string, print: (line: string) => void = console.log): Promise<void> {
  const cost = await benchReportCost(path.join(dir, 'cost'));
  print('Report reads, a lake of 50 campaigns over 3 years (through views, as Athena reads):');
  print(readsLine('as loaded (one file per upload)', cost.asLoaded));
  print(readsLine('after campaign compact', cost.compacted));
  const [regions, days] = (process.env.BENCH_READS_SCALE ?? '1000x1825').split('x').map(Number) as [number, number];
  const store = new LocalFolderStore(path.join(dir, `national-${regions}x${days}`));
  const { campaignId } = await buildAnalysisLake(store, regions, days);
  print(`Report reads, the ${regions}-region x ${days}-day lake (half the regions targeted, half control):`);
  print(readsLine('as loaded (one file per upload and year)', await reportReads(store, campaignId, AS_OF)));
  await compactLake(store);
  await compactLake(store, { deleteAfterMs: 0 });
  print(readsLine('after campaign compact', await reportReads(store, campaignId, AS_OF)));
}
