// One `campaign analyse` in its own process, so peak RSS is the analysis alone. Prints JSON.
import { AS_OF } from './analysis-lake.ts';
import { analyseCampaign } from '../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';
import { mainThreadCpuSeconds } from './main-thread-cpu.ts';

const [root, campaignId] = process.argv.slice(2) as [string, string];
const store = new LocalFolderStore(root);
// The JavaScript side alone (heap + buffers), sampled: what an analysis on Athena (no DuckDB) needs.
let jsPeak = 0;
const sample = () => { const m = process.memoryUsage(); jsPeak = Math.max(jsPeak, m.heapUsed + m.external); };
setInterval(sample, 50).unref();
// Time from process start to here: node, tsx and the modules (not part of `seconds`).
const started = performance.now();
const mainCpuAtStart = mainThreadCpuSeconds();
const engine = await DuckDbEngine.open(store);
const opened = performance.now();
const { report } = await analyseCampaign(store, engine, campaignId, { asOf: AS_OF });
await engine.close();
const seconds = (performance.now() - started) / 1000;
// The main thread's CPU over the same span: JavaScript's own work, the least moved by other load.
const mainCpuSeconds = mainThreadCpuSeconds() - mainCpuAtStart;
// CPU time of the whole process (DuckDB's threads included): less moved than `seconds` by other load.
const cpu = process.cpuUsage();
const methods = (report.lift ?? []).map((l) => `${l.channel}:${l.result.method}${l.result.insufficient ? '(none)' : ''}`).join(',');
sample();
process.stdout.write(JSON.stringify({ seconds, startupSeconds: started / 1000, openSeconds: (opened - started) / 1000, mainCpuSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024, jsPeakMb: jsPeak / 1e6, methods }));
