import { stem } from '../lake/layout.ts';
import type { Row, TableDef } from '../lake/tables.ts';

/**
 * How a newer upload replaces older rows in the same table (the "replacement rule"):
 * rows are grouped into scopes, and a new file replaces every stored row of the same scope
 * whose date falls between the first and last date of that scope in the new file.
 * - partner counts: scope = partner + channel (a corrected re-upload of a period replaces it);
 * - ad delivery: scope = platform + campaign + breakdown + granularity (a re-export replaces it,
 *   while a region export never replaces an age/gender export of the same campaign).
 * Files are kept one per partition (month or year) and owner, so a replacement rewrites few files.
 */
export interface ReplacementPolicy {
  /** File stem, within its partition, of the file that holds the row */
  owner(row: Row): string;
  scope(row: Row): string;
  date(row: Row): string;
}

/** stem() runs a regex: remember it, since an export repeats the same few names a million times. */
const stems = new Map<string, string>();
function cachedStem(s: string): string {
  let v = stems.get(s);
  if (v === undefined) {
    if (stems.size > 10_000) stems.clear();
    stems.set(s, (v = stem(s)));
  }
  return v;
}

const AD_POLICY: ReplacementPolicy = {
  owner: (r) => `${r.platform}-${cachedStem(String(r.campaign_name))}`,
  scope: (r) => `${r.platform}|${r.campaign_name}|${r.breakdown}|${r.granularity}`,
  date: (r) => r.date_start as string,
};

const PARTNER_POLICY: ReplacementPolicy = {
  owner: (r) => cachedStem(String(r.partner_id)),
  scope: (r) => `${r.partner_id}|${r.channel}`,
  date: (r) => r.period_start as string,
};

export function replacementPolicy(table: TableDef): ReplacementPolicy {
  if (table.name === 'ad_delivery') return AD_POLICY;
  if (table.name === 'service_demand') return PARTNER_POLICY;
  throw new Error(`no replacement policy for ${table.name}`);
}

/** Date span of each scope in a new file; extended row by row during the streaming parse. */
export class ScopeSpans {
  readonly spans = new Map<string, { first: string; last: string; owner: string }>();

  add(scope: string, owner: string, date: string): void {
    const span = this.spans.get(scope);
    if (!span) this.spans.set(scope, { first: date, last: date, owner });
    else {
      if (date < span.first) span.first = date;
      if (date > span.last) span.last = date;
    }
  }

  /** True when a stored row is replaced by the new file. */
  replaces(policy: ReplacementPolicy, row: Row): boolean {
    const span = this.spans.get(policy.scope(row));
    if (!span) return false;
    const d = policy.date(row);
    return d >= span.first && d <= span.last;
  }
}
