import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Folder of the Athena (Trino) dialect queries shared by both engines. Inside a Lambda bundle
 * the files are copied beside the bundle and CAMPAIGN_QUERIES_DIR points at them.
 */
export const QUERIES_DIR =
  process.env.CAMPAIGN_QUERIES_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../queries');

const cache = new Map<string, string>();

/** Text of queries/<name>.sql. */
export function loadQuery(name: string): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}

/** Names of every query in queries/ (without .sql). */
export function listQueries(): string[] {
  return readdirSync(QUERIES_DIR)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Text of queries/views/<name>.sql: the view a user-facing table is on both engines. */
export function loadView(name: string): string {
  return loadQuery(`views/${name}`);
}

/** Names of the views in queries/views/ (without .sql). */
export function listViews(): string[] {
  return readdirSync(path.join(QUERIES_DIR, 'views'))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}
