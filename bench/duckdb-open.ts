/**
 * `DuckDbEngine.open` alone over an existing lake folder, for quick iterations on the open cost:
 * wall and CPU seconds (DuckDB's threads included), rows resolved, peak RSS.
 * `npx tsx bench/duckdb-open.ts <lake folder>` (a lake from `bench/analysis-lake.ts`, compacted or not).
 */
import { DuckDbEngine } from '../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../shared/storage/local-folder-store.ts';

const root = process.argv[2];
if (!root) throw new Error('usage: npx tsx bench/duckdb-open.ts <lake folder>');
const started = performance.now();
const cpuBefore = process.cpuUsage();
const engine = await DuckDbEngine.open(new LocalFolderStore(root));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const [{ rows }] = (await engine.query('SELECT count(*) AS rows FROM service_demand')) as [{ rows: number }];
await engine.close();
console.log(`open ${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ${rows.toLocaleString('en-GB')} service_demand rows, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
