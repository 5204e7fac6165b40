/**
 * Runs one query with the read log on and prints its reads as JSON. Run under strace by
 * tests/bench/read-log.test.ts: it reads the marker files `query-start` and `query-end` around
 * the query, so the trace shows which reads were the query's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { logReads } from '../../bench/read-log.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';

const [root, sql] = process.argv.slice(2) as [string, string];
const marker = (name: string) => (writeFileSync(path.join(root, name), name), readFileSync(path.join(root, name)));
const engine = await DuckDbEngine.open(new LocalFolderStore(root), { materializeBelowBytes: 0 });
const { reads, stop } = await logReads(engine, root);
marker('query-start');
await engine.query(sql);
marker('query-end');
await stop();
await engine.close();
process.stdout.write(JSON.stringify(reads[0]));
