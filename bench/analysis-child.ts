// One `campaign analyse` in its own process, so peak RSS is the analysis alone. Prints JSON.
import { AS_OF } from './analysis-lake.ts';
import { analyseCampaign } from '../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';

const [root, campaignId] = process.argv.slice(2) as [string, string];
const store = new LocalFolderStore(root);
const started = performance.now();
const engine = await DuckDbEngine.open(store);
const { report } = await analyseCampaign(store, engine, campaignId, { asOf: AS_OF });
await engine.close();
const seconds = (performance.now() - started) / 1000;
const methods = (report.lift ?? []).map((l) => `${l.channel}:${l.result.method}${l.result.insufficient ? '(none)' : ''}`).join(',');
process.stdout.write(JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, methods }));
