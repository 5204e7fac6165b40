/**
 * The disclosure step at national scale: protectReport on the 1,000-region x 5-year report
 * (analysis-lake.ts), the shared copy (with the per-region weekly table, report.weeks.csv) and the
 * partners' copy (no table), timed alone. Run: `npx tsx bench/disclosure-scale.ts [1000x1825]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport, loadContributions } from '../shared/pipeline/analyse-campaign.ts';
import { loadCampaign } from '../shared/pipeline/register-campaign.ts';
import { registeredCampaigns } from '../shared/pipeline/registered-campaigns.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { protectReport, renderRegionWeeksCsv } from '../shared/report/index.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { AS_OF, buildAnalysisLake } from './analysis-lake.ts';

const [regions, days] = (process.argv[2] ?? '1000x1825').split('x').map(Number) as [number, number];
const dir = await mkdtemp(path.join(tmpdir(), 'campaign-bench-disclosure-'));
try {
  const store = new LocalFolderStore(dir);
  const { campaignId } = await buildAnalysisLake(store, regions, days);
  const engine = await DuckDbEngine.open(store);
  const campaign = await loadCampaign(store, campaignId);
  const report = await buildReport(engine, campaign, await registeredCampaigns(store), { asOf: AS_OF });
  const contributions = await loadContributions(engine, campaign, report);
  await engine.close();
  for (const audience of ['public', 'partners'] as const) {
    const started = performance.now();
    const copy = protectReport(report, { contributions, audience });
    const seconds = (performance.now() - started) / 1000;
    const weeks = (copy.regionWeeks ?? []).flatMap((s) => s.weeks);
    const csv = renderRegionWeeksCsv(copy);
    console.log(
      `Disclosure step, ${regions} regions x ${days} days, ${audience === 'public' ? 'shared copy' : "partners' copy"}: ${seconds.toFixed(2)} s; ` +
        `per-region weekly table ${weeks.length.toLocaleString('en-GB')} weeks (${weeks.filter((w) => Number.isNaN(w.count)).length.toLocaleString('en-GB')} hidden), CSV ${((csv?.length ?? 0) / 1e6).toFixed(1)} MB`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
