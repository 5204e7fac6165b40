/**
 * The fast path's regions: each distinct region key the scan listed (sql.ts regionKey), read by
 * the reader's own resolver, then the ENUMs and lists of queries/ingest/regions.sql, which the
 * copy indexes by the key's position.
 */
import { LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { loadQuery } from '../../query/sql-files.ts';
import type { RegionResolver } from '../../geo/region-resolver.ts';
import { regionOfKey, type RegionPlace } from './sql.ts';

/** The codes and names in the keys' ENUM order (the copy's last parameters), or why the reader must decide. */
export async function resolveRegions(con: DuckDBConnection, place: RegionPlace, keys: string[], resolve: RegionResolver): Promise<{ codes: string[]; names: string[] } | { why: string }> {
  const codes: string[] = [];
  const names: string[] = [];
  for (const key of keys) {
    const { text, name } = regionOfKey(place, key);
    const resolved = resolve(text);
    // A region the resolver cannot read (an empty one among them): the reader words it.
    if (!('code' in resolved) || name === null) return { why: `region ${JSON.stringify(text)}` };
    codes.push(resolved.code);
    names.push(name);
  }
  for (const statement of statements(loadQuery('ingest/regions'))) {
    const p = await con.prepare(statement);
    if (statement.includes('$1')) {
      p.bindList(1, keys, LIST(VARCHAR));
      p.bindList(2, codes, LIST(VARCHAR));
      p.bindList(3, names, LIST(VARCHAR));
    }
    await p.run();
  }
  const ordered = (await con.runAndReadAll('SELECT codes, names FROM fast_region_codes')).getRowObjectsJS()[0]!;
  return { codes: ordered.codes as string[], names: ordered.names as string[] };
}

/** The statements of a .sql file, comments dropped. */
function statements(sql: string): string[] {
  return sql.replace(/--.*$/gm, '').split(';').map((s) => s.trim()).filter(Boolean);
}
