/**
 * Queries started together each get a connection of the same DuckDB database (duckdb-engine.ts):
 * their answers are those of the same queries one after another, a failing one fails alone, and
 * `running()` resolves while they still run (DuckDB has them), so the JavaScript after it overlaps them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../shared/query/duckdb-engine.ts';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';

const QUERIES: [string, (string | number)[]][] = [
  ['SELECT i % 7 AS k, count(*) AS n, sum(i) AS total FROM range(0, 200000) t(i) WHERE i >= ? GROUP BY k ORDER BY k', [10]],
  ['SELECT CAST(? AS VARCHAR) || CAST(i AS VARCHAR) AS name FROM range(0, 5000) t(i) ORDER BY i', ['x-']],
  ['SELECT approx_distinct(i % 1000) AS d FROM range(0, 100000) t(i)', []],
];

describe('DuckDbEngine: concurrent queries', () => {
  let root: string;
  let engine: DuckDbEngine;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'duckdb-concurrent-'));
    engine = await DuckDbEngine.open(new LocalFolderStore(root));
  });
  afterAll(async () => {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the answers of the same queries run one after another, rows and columns', async () => {
    const oneByOne = [];
    for (const [sql, params] of QUERIES) oneByOne.push({ rows: await engine.query(sql, params), columns: await engine.queryColumns(sql, params) });
    const together = await Promise.all(QUERIES.map(async ([sql, params]) => ({ rows: await engine.query(sql, params), columns: await engine.queryColumns(sql, params) })));
    const atOnce = await Promise.all(QUERIES.flatMap(([sql, params]) => [engine.query(sql, params), engine.queryColumns(sql, params)]));
    expect(together).toEqual(oneByOne);
    expect(atOnce).toEqual(oneByOne.flatMap((o) => [o.rows, o.columns]));
    expect(oneByOne[0]!.rows).toHaveLength(7);
  });

  it('fails one query alone: the others answer, and the engine keeps working', async () => {
    const [bad, good] = await Promise.allSettled([engine.query('SELECT * FROM no_such_table WHERE x = ?', [1]), engine.query(QUERIES[0]![0], QUERIES[0]![1])]);
    expect(bad.status).toBe('rejected');
    expect(good.status === 'fulfilled' && good.value).toHaveLength(7);
    expect(await engine.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('running() resolves once DuckDB has the queries, before a long one answers', async () => {
    let answered = false;
    const slow = engine.query('SELECT count(*) AS n FROM range(0, 1000) a(i), range(0, 20000) b(j) WHERE (i * j) % 7 = ?', [3]).then((r) => ((answered = true), r));
    await engine.running();
    expect(answered).toBe(false);
    expect((await slow)[0]!.n).toBeGreaterThan(0);
    await engine.running(); // nothing left starting: resolves at once
  });
});
