import nodeSqlParser from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCampaign } from '../../shared/domain/campaign.ts';
import { generateDemo } from '../../shared/demo/demo-data.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { registerCampaign } from '../../shared/pipeline/register-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { listQueries, listViews, loadQuery, loadView } from '../../shared/query/sql-files.ts';
import { filledDown, texts, type TextColumn } from '../../shared/query/columns.ts';
import { TABLES } from '../../shared/lake/tables.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

const { Parser } = nodeSqlParser;

/** Parameters that make each query meaningful on the demo lake. */
const C = 'fenland-lincs-spring-2026';
const PARAMS: Record<string, (string | number)[]> = {
  delivery_kinds: [C, '2025-12', '2026-03', '2026-03-02', '2026-03-29'],
  delivery_by_day_region: [C, '2025-12', '2026-03', 'meta', 'region', 'day', '2026-03-02', '2026-03-29', '2026-03-02', '2026-03-29'],
  demand_weekly: [C, '2025', '2026', '2025-11-03', '2026-04-05'],
  baseline_coverage: [C, '2025', '2026', '2025-11-03', '2026-03-01'],
  partner_data_up_to: [C, '2025', '2026', '2025-11-03', '2026-03-01'],
  demand_series: [C, 'helpline_calls', 'helpline_calls', '2025', '2026', '2025-11-03', '2026-03-29'],
  demand_series_names: [C, 'helpline_calls', 'helpline_calls', '2025', '2026', '2025-11-03', '2026-03-29'],
  demand_history: ['helpline_calls'],
  disclosure_contributions: [C, '2025', '2026', '2025-11-03', '2026-04-05'],
  goal_actuals: [C, C, '2026', '2026', '2026-03-02', '2026-03-29'],
};

let engine: DuckDbEngine;
let store: LocalFolderStore;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await tempStore();
  cleanup = t.cleanup;
  store = t.store;
  const demo = generateDemo();
  await registerCampaign(t.store, parseCampaign(demo.campaign));
  // A second campaign, so a query that forgets its campaign filter reads the wrong rows.
  await registerCampaign(t.store, parseCampaign({ ...demo.campaign, id: 'earlier-in-cambs', start: '2025-12-01', end: '2025-12-14', baseline: undefined, followUps: undefined, goals: [] }));
  for (const [name, content] of Object.entries(demo.adExports)) await ingestFile(t.store, name, new TextEncoder().encode(content));
  for (const u of demo.partnerUploads) await ingestFile(t.store, u.fileName, new TextEncoder().encode(u.content), { partnerId: u.partnerId });
  engine = await DuckDbEngine.open(t.store);
});
afterAll(async () => {
  await engine.close();
  await cleanup();
});

describe('queries/views/*.sql (the tables users query, on both engines)', () => {
  it.each(listViews())('%s parses as Trino (Athena) SQL, takes no parameters, and is what DuckDB serves', async (name) => {
    const sql = loadView(name);
    expect(() => new Parser().astify(sql, { database: 'trino' })).not.toThrow();
    expect(sql.replace(/--[^\n]*/g, '')).not.toContain('?');
    const [{ n }] = (await engine.query(`SELECT COUNT(*) AS n FROM (${sql}) v`)) as [{ n: number }];
    const [{ m }] = (await engine.query(`SELECT COUNT(*) AS m FROM ${name}`)) as [{ m: number }];
    expect(n).toBeGreaterThan(0);
    expect(m).toBe(n);
  });
});

describe('queries/*.sql', () => {
  it('every query has parameters defined in this test', () => {
    expect(listQueries().sort()).toEqual(Object.keys(PARAMS).sort());
  });

  for (const name of listQueries()) {
    it(`${name} parses as Trino (Athena) SQL and runs unchanged on DuckDB`, async () => {
      const sql = loadQuery(name);
      expect(() => new Parser().astify(sql, { database: 'trino' })).not.toThrow();
      const placeholders = sql.replace(/--[^\n]*/g, '').split('?').length - 1;
      expect(placeholders).toBe(PARAMS[name]!.length);
      const rows = await engine.query(sql, PARAMS[name]);
      expect(rows.length).toBeGreaterThan(0);
    });
  }

  it('names its campaign for every campaign-partitioned table it reads (Athena injects that partition and refuses a query without `campaign = ?` on it)', () => {
    const injected = new Set(TABLES.filter((t) => t.partitionKey.kind === 'campaign').map((t) => t.name));
    const reads: string[] = [];
    for (const name of listQueries()) {
      const sql = loadQuery(name).replace(/--[^\n]*/g, '');
      for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(?!(?:ON|WHERE|JOIN|LEFT|INNER|CROSS|GROUP|ORDER|USING)\b)(\w+))?/gi)) {
        if (!injected.has(m[1]!)) continue;
        const filter = m[2] ? new RegExp(`\\b${m[2]}\\.campaign\\s*=\\s*\\?`) : /(?<![.\w])campaign\s*=\s*\?/;
        reads.push(`${name}: ${m[1]} ${m[2] ?? ''} ${filter.test(sql) ? 'filtered' : 'NOT filtered'}`);
      }
    }
    expect(reads.length).toBeGreaterThan(5);
    expect(reads.filter((r) => r.endsWith('NOT filtered'))).toEqual([]);
  });

  it('reads only the partitions of the date range (tables kept as views)', async () => {
    const views = await DuckDbEngine.open(store, { materializeBelowBytes: 0 });
    const plan = await views.query(`EXPLAIN ANALYZE SELECT sum(count) AS n FROM service_demand WHERE year BETWEEN '2026' AND '2026'`);
    const text = JSON.stringify(plan);
    // Six partners, one file each per year: only the six 2026 files (of twelve) are scanned.
    expect(text).toMatch(/Total Files Read: 6\b/);
    await views.close();
  });

  it('gives the same answers from in-memory tables as from views', async () => {
    const views = await DuckDbEngine.open(store, { materializeBelowBytes: 0 });
    for (const name of listQueries()) expect(await engine.query(loadQuery(name), PARAMS[name])).toEqual(await views.query(loadQuery(name), PARAMS[name]));
    await views.close();
  });

  it.each(['demand_weekly', 'disclosure_contributions'])('%s gives each channel on its first row only; filled down, every row has its own', async (name) => {
    const sql = loadQuery(name);
    const answer = await engine.queryColumns(sql, PARAMS[name]);
    const given = texts(answer, 'channel');
    const plain = await engine.queryColumns(sql.replace(/CASE WHEN lag\(s\.channel\)[^\n]*END AS channel/, 's.channel AS channel'), PARAMS[name]);
    const every = texts(plain, 'channel');
    const names = (c: TextColumn) => Array.from(c.codes, (k) => (k < 0 ? null : c.values[k]));
    expect(new Set(names(every)).size).toBeGreaterThan(1);
    // NULL wherever the row above has the same channel, so the long names are read once per run.
    expect(names(given).filter((v) => v !== null).length).toBe(new Set(names(every)).size);
    expect(names(filledDown(given))).toEqual(names(every));
  });

  it('compares service-demand actuals with goals in SQL; ad goals and uplift are left to the analysis', async () => {
    const rows = await engine.query(loadQuery('goal_actuals'), PARAMS.goal_actuals);
    const byMetric = Object.fromEntries(rows.map((r) => [`${r.kind}:${r.metric}`, r.actual]));
    expect(byMetric['total:impressions']).toBeNull();
    expect(byMetric['uplift:helpline_calls']).toBeNull();
    expect(byMetric['total:helpline_calls']).toBeGreaterThan(100);
  });

  it('keeps a metric the export lacks NULL, never 0, and says which metrics each kind of rows has', async () => {
    const kinds = await engine.query(loadQuery('delivery_kinds'), PARAMS.delivery_kinds);
    const daily = kinds.find((k) => k.granularity === 'day')!;
    expect(Number(daily.has_impressions)).toBe(Number(daily.row_count));
    expect(Number(daily.has_video_views)).toBe(0);
    const rows = await engine.query(loadQuery('delivery_by_day_region'), PARAMS.delivery_by_day_region);
    expect(rows.every((r) => r.video_views === null)).toBe(true);
  });
});
