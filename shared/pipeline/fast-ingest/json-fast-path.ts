/**
 * The fast path's first pass over a Meta insights JSON upload (fast-path.ts does the rest, as for
 * CSV): DuckDB reads the list's items (json-layout.ts, json-sql.ts) while the screen hashes the
 * file and looks for what DuckDB would read otherwise than the reader (json-screen.ts). The
 * reader's header is every field some item holds, as its two-pass reading makes it
 * (ingest-json.ts): the scan counts the items holding each field the reader reads, and the reader
 * is bound to those fields, so its own header checks and its plan decide the rest.
 */
import path from 'node:path';
import { forEachChunk } from '../../storage/read-chunks.ts';
import { ACTIONS, META_JSON_FIELDS, metaInsightsJson } from '../../sources/meta-insights-json.ts';
import { besideScreen, runQuery, type FastInput, type ScanStep } from './fast-path.ts';
import { jsonLayout, listCopy } from './json-layout.ts';
import { JsonScreen } from './json-screen.ts';
import { jsonItemsSql, jsonRows, jsonScanSql } from './json-sql.ts';
import { fastSql } from './sql.ts';
import { noteFastPathDecline } from './use-fast-path.ts';

/** The first pass for a JSON file, or undefined when it is not one the fast path reads. */
export async function jsonScanStep(input: FastInput, file: string): Promise<ScanStep | undefined> {
  const { ctx, stamp, rawKey } = input;
  // Another format forced, or a partner's upload (which must be partner counts): the reader says so.
  if ((input.format && input.format !== metaInsightsJson.format) || input.partner) return undefined;
  const layout = await jsonLayout(file);
  if (!layout) {
    noteFastPathDecline(rawKey, 'not a top-level array or an object whose first key is data');
    return undefined;
  }
  const actionTypes = Object.keys(ACTIONS);
  return async (con, scratch) => {
    const list = await listCopy(file, layout, path.join(scratch, 'list.json'));
    const source = path.join(scratch, 'items.parquet');
    const scanning = runQuery(con, jsonItemsSql(META_JSON_FIELDS, actionTypes, source), list, []).then(() => runQuery(con, jsonScanSql(META_JSON_FIELDS, actionTypes), source, []));
    const screening = screen(file).then((r) => {
      ctx.resolveRegion('');
      return r;
    });
    const both = await besideScreen(scanning, screening);
    if (typeof both === 'string') return both;
    const n = both.scanned;
    // The order of the header's fields does not matter to the reader, only which are there.
    const header = [
      ...META_JSON_FIELDS.filter((f) => Number(n[`n_${f}`]) > 0),
      ...actionTypes.filter((t) => Number(n[`n_actions:${t}`]) > 0).map((t) => `actions:${t}`),
    ];
    const reader = metaInsightsJson;
    if (!reader.matches(header)) return 'no item has date_start';
    const bound = reader.bind(header, ctx);
    if ('errors' in bound) return `the reader refuses its fields: ${bound.errors[0]?.reason}`;
    const plan = bound.plan;
    if (!plan?.jsonCells || bound.finish || bound.notes) return 'no JSON plan';
    const sql = fastSql(plan, plan.jsonCells.length, ',', { id: stamp.uploadId, seq: stamp.seq }, 0, jsonRows(plan.jsonCells));
    if (!sql) return 'a plan the fast path cannot check';
    // The plan's own scan over the items (its lists, distinct texts and leave checks, as for a CSV).
    const counts = await runQuery(con, sql.scan, source, []);
    return { reader, bound, plan, sql, source, sha256: both.sha256, counts };
  };
}

async function screen(file: string) {
  const s = new JsonScreen(META_JSON_FIELDS);
  await forEachChunk(file, (chunk) => s.feed(chunk));
  return s.finish();
}
