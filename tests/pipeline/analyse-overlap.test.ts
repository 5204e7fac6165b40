/**
 * `campaign analyse` starts its independent reads together and writes each file while the next is
 * rendered (analyse-campaign.ts): the files are byte for byte those of the same run with every query
 * one after another on one connection and nothing started ahead (an engine that only queues).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import type { QueryEngine } from '../../shared/query/query-engine.ts';
import { MANY_AS_OF, manyRegionsCampaign } from '../support/many-regions-lake.ts';
import { tempStore } from '../support/temp-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** The engine's queries one at a time, in the order asked, and no running(): the old way. */
function oneAtATime(engine: QueryEngine): QueryEngine & { order: string[] } {
  let last: Promise<unknown> = Promise.resolve();
  const order: string[] = [];
  const queue = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const next = last.then(() => (order.push(sql.slice(0, 40)), run()));
    last = next.catch(() => {});
    return next;
  };
  return {
    name: engine.name,
    order,
    query: (sql, params) => queue(sql, () => engine.query(sql, params)),
    queryColumns: (sql, params) => queue(sql, () => engine.queryColumns(sql, params)),
    close: () => engine.close(),
  };
}

describe('analyse: reads side by side, files written while rendering', () => {
  it('writes the same bytes as one query after another', async () => {
    const t = await tempStore();
    cleanups.push(t.cleanup);
    const campaign = await manyRegionsCampaign(t.store, 5);
    const now = new Date('2026-04-10T09:00:00Z');
    const engine = await DuckDbEngine.open(t.store);
    try {
      const filesOf = async (keys: Record<string, string | undefined>, versionPrefix: string) => {
        const names = (await t.store.list(versionPrefix)).map((o) => o.key);
        const out = new Map<string, string>();
        for (const k of [...Object.values(keys).filter((k): k is string => !!k), ...names]) out.set(k, new TextDecoder().decode(await t.store.get(k)));
        return out;
      };
      const queued = oneAtATime(engine);
      const before = await analyseCampaign(t.store, queued, campaign.id, { asOf: MANY_AS_OF, now });
      const old = await filesOf(before.keys, before.versionPrefix);
      const after = await analyseCampaign(t.store, engine, campaign.id, { asOf: MANY_AS_OF, now });
      const fresh = await filesOf(after.keys, after.versionPrefix);
      expect(after.versionPrefix).toBe(before.versionPrefix);
      expect([...fresh.keys()].sort()).toEqual([...old.keys()].sort());
      for (const [k, body] of old) expect(fresh.get(k), k).toBe(body);
      // The report has lift, a weekly table and goals: the reads that now overlap the lift all fed it.
      expect(after.report.lift?.length).toBeGreaterThan(0);
      expect(after.keys.regionWeeks).toBeDefined();
      expect(queued.order.length).toBeGreaterThanOrEqual(6);
    } finally {
      await engine.close();
    }
  });
});
