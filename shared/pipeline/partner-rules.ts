/**
 * What a partner's upload may contain, checked in the ingest use case itself for every
 * raw/partners/<id>/ object, however it arrived (portal, CLI, `aws s3 cp`, the ingest Lambda):
 * counts in a partner format only, and only for the regions on the partner's account.
 */
import { loadAccount } from '../portal/accounts.ts';
import { partnerCsv } from '../sources/partner-csv.ts';
import type { ReaderContext, RowError, SourceReader } from '../sources/reader.ts';
import { rowError } from '../sources/reasons.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface PartnerRules {
  partnerId: string;
  /** Regions granted to the account; undefined when there is no restriction (no account, or allRegions). */
  regions?: Set<string>;
}

/** The rules for a raw key under raw/partners/<id>/, or undefined for other keys. */
export async function partnerRulesFor(store: ObjectStore, rawKey: string): Promise<PartnerRules | undefined> {
  const m = /^raw\/partners\/([^/]+)\//.exec(rawKey);
  if (!m) return undefined;
  const partnerId = m[1]!;
  const account = await loadAccount(store, partnerId);
  // No account: counts the campaigns team loads for a partner (CLI, bulk loads). An account's
  // regions are what it was granted; no regions and no allRegions grant means none.
  if (!account || account.allRegions) return { partnerId };
  return { partnerId, regions: new Set(account.regions) };
}

/** A partner upload must be partner counts: an ad export sent as a partner would replace ad delivery. */
export function checkPartnerFormat(rules: PartnerRules, reader: SourceReader): RowError | undefined {
  if (reader.table.name === 'service_demand') return undefined;
  return {
    row: 1,
    column: '(file)',
    reason: `this looks like an ad-platform export, not service counts: partner ${rules.partnerId} can upload counts only (see the template); ad exports are loaded by the campaigns team`,
  };
}

/**
 * A partner's file whose header no reader knows: what a partner sheet needs, in the partner
 * reader's words (a coded reason), never the list of export formats.
 */
export function partnerHeaderErrors(header: string[], ctx: ReaderContext): RowError[] {
  const bound = partnerCsv.bind(header, ctx);
  return 'errors' in bound && bound.errors.length ? bound.errors : [rowError(1, '(header)', 'headerUnknown', { found: header.filter((h) => h.trim() !== '').slice(0, 12).map((h) => `"${h}"`).join(', ') })];
}

/** One row's region must be one of the account's. */
export function checkPartnerRegion(rules: PartnerRules, regionCode: string, row: number, column: string): RowError | undefined {
  if (!rules.regions || rules.regions.has(regionCode)) return undefined;
  const mine = rules.regions.size > 0 ? ` (${[...rules.regions].join(', ')})` : ' (your account has none yet: ask the campaigns team)';
  return { row, column, reason: `${regionCode} is not one of your regions${mine}: you can only upload counts for your own area` };
}
