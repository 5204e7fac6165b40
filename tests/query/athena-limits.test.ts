import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { demandHistory } from '../../shared/pipeline/demand-history.ts';
import { toExecutionParameter } from '../../shared/query/athena-engine.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { listQueries, loadQuery } from '../../shared/query/sql-files.ts';
import { limitCheckingEngine, placeholders } from '../support/athena-limits.ts';
import { demoLake } from '../support/demo-lake.ts';

// Athena's parameterized queries ("considerations and limitations"): `?` only in the WHERE clause,
// at most 1,024 characters per parameter. DuckDB accepts both, so nothing else would catch them.
describe('queries/*.sql within Athena limits', () => {
  for (const name of listQueries())
    it(`${name}: every ? sits in a WHERE clause`, () => {
      const sql = loadQuery(name);
      const found = placeholders(sql);
      // The parser sees every placeholder of the text (comments aside), so none can hide from the check.
      expect(found).toHaveLength(sql.replace(/--[^\n]*/g, '').split('?').length - 1);
      expect(found.filter((p) => !p.inWhere)).toEqual([]);
    });

  it('the check catches a ? in a SELECT list, a JOIN condition and a CASE', () => {
    expect(placeholders('SELECT CASE WHEN a > ? THEN 1 END FROM t WHERE b = ?').map((p) => p.inWhere)).toEqual([false, true]);
    expect(placeholders('SELECT a FROM t JOIN u ON u.x = ? WHERE b = ?').map((p) => p.inWhere)).toEqual([false, true]);
    expect(placeholders('WITH w AS (SELECT ? AS x FROM t) SELECT * FROM w').map((p) => p.inWhere)).toEqual([false]);
  });
});

describe('parameters of a realistic run', () => {
  let lake: Awaited<ReturnType<typeof demoLake>>;
  let duck: DuckDbEngine;
  beforeAll(async () => {
    lake = await demoLake();
    duck = await DuckDbEngine.open(lake.store);
  }, 120_000);
  afterAll(async () => {
    await duck.close();
    await lake.cleanup();
  });

  it('analyses while running, after the end and at a follow-up with every parameter Athena would accept', async () => {
    const engine = limitCheckingEngine(duck);
    for (const run of [{ asOf: '2026-03-15' }, { asOf: lake.campaign.end, label: 'post-campaign' }, { asOf: '2026-06-29', label: '3 months' }])
      await analyseCampaign(lake.store, engine, lake.campaign.id, run);
    expect(engine.calls).toBeGreaterThan(10);
    expect(engine.violations).toEqual([]);
  }, 60_000);

  it('plans over 300 regions (a list far over 1,024 characters) without a long parameter, with the same rows as a short list', async () => {
    const engine = limitCheckingEngine(duck);
    const many = [...lake.campaign.regions.targeted, ...Array.from({ length: 300 }, (_, i) => `ZZ-X${String(i).padStart(3, '0')}`)];
    expect(many.join(',').length).toBeGreaterThan(1024);
    const long = await demandHistory(engine, 'helpline_calls', many);
    const short = await demandHistory(engine, 'helpline_calls', lake.campaign.regions.targeted);
    expect(engine.violations).toEqual([]);
    expect(long).toEqual(short);
    expect(new Set(short.map((o) => o.region))).toEqual(new Set(lake.campaign.regions.targeted));
  });

  it('the Athena adapter refuses a parameter over 1,024 characters before starting a query', () => {
    expect(toExecutionParameter('x'.repeat(1022))).toHaveLength(1024);
    expect(() => toExecutionParameter('x'.repeat(1023))).toThrow(/1025 characters as sent; Athena accepts at most 1024/);
  });
});
