import { monthsBetween } from '../domain/dates.ts';
import { storageName, type TableDef } from './tables.ts';

/** Top-level prefixes of the lake. */
export const PREFIX = {
  raw: 'raw/',
  curated: 'curated/',
  quarantine: 'quarantine/',
  campaigns: 'campaigns/',
  reports: 'reports/',
  /**
   * Portal uploads that failed its checks, kept as received but outside raw/, so that the ingest
   * trigger on raw/ never loads what the portal refused.
   */
  rejected: 'rejected/',
} as const;

/** Where a file uploaded by a partner or the campaigns team lands, exactly as received. */
export function rawKey(kind: 'ads' | 'partners', owner: string, receivedOn: string, fileName: string): string {
  const safeName = fileName.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${PREFIX.raw}${kind}/${owner}/${receivedOn}/${safeName}`;
}

export function tablePrefix(table: TableDef): string {
  return `${PREFIX.curated}${storageName(table)}/`;
}

/** Partition value of a date in a time-partitioned table: YYYY-MM or YYYY. */
export function partitionValueOf(table: TableDef, date: string): string {
  return table.partitionKey.kind === 'year' ? date.slice(0, 4) : date.slice(0, 7);
}

/** First and last partition values covering [from, to]: what a query's partition filter takes. */
export function partitionRange(table: TableDef, from: string, to: string): [string, string] {
  return [partitionValueOf(table, from), partitionValueOf(table, to)];
}

/** Every partition value from `from` to `to`. */
export function partitionValuesBetween(table: TableDef, from: string, to: string): string[] {
  if (table.partitionKey.kind === 'year') {
    const out: string[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(String(y));
    return out;
  }
  return monthsBetween(from, to);
}

/** Key of one Parquet file in a hive partition, e.g. curated/ad_delivery/month=2026-03/meta-abc.parquet */
export function partitionFileKey(table: TableDef, partitionValue: string, fileStem: string): string {
  return `${tablePrefix(table)}${table.partitionKey.name}=${partitionValue}/${fileStem}.parquet`;
}

/**
 * The hash a raw key's file name carries (`<first 16 hex digits of its SHA-256>-<name>`, as
 * ingestFile and the portal name uploads), or undefined for a key named otherwise.
 */
export function rawKeyHash(rawObjectKey: string): string | undefined {
  return /\/([0-9a-f]{16})-[^/]*$/.exec(rawObjectKey)?.[1];
}

export function quarantineKey(rawObjectKey: string): string {
  return `${PREFIX.quarantine}${rawObjectKey.replace(/^(raw|rejected)\//, '')}.rejection.json`;
}

/** Where the portal keeps an upload it refused (see PREFIX.rejected). */
export function rejectedKey(partnerId: string, receivedOn: string, fileName: string): string {
  return rawKey('partners', partnerId, receivedOn, fileName).replace(/^raw\//, PREFIX.rejected);
}

export function campaignKey(campaignId: string): string {
  return `${PREFIX.campaigns}${campaignId}/campaign.json`;
}

/** Whether a key under campaigns/ is a campaign's definition (campaignKey), not another file beside it. */
export function isCampaignKey(key: string): boolean {
  return /^campaigns\/[^/]+\/campaign\.json$/.test(key);
}

export function reportPrefix(campaignId: string, asOf: string): string {
  return `${PREFIX.reports}${campaignId}/${asOf}/`;
}

/** A file-name-safe stem from any string (campaign names, partner ids). */
export function stem(s: string): string {
  const cleaned = s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned.slice(0, 60) || 'x';
}
