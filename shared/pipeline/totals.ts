import type { Row, TableDef } from '../lake/tables.ts';

const AD_SUMS = ['impressions', 'reach', 'clicks', 'link_clicks', 'results', 'video_views', 'engagements'] as const;

/**
 * Totals of a file for the ingest summary. Spend is summed in exact micros. Reach is summed as
 * the file states it (for a daily file that is only an upper bound of true reach).
 */
export class Totals {
  private readonly sums = new Map<string, number>();
  private spendMicros = 0;
  private hasSpend = false;
  currency: string | undefined;

  private readonly adSums = new Float64Array(AD_SUMS.length);
  private readonly adSeen = new Uint8Array(AD_SUMS.length);

  add(table: TableDef, row: Row): void {
    if (table.name === 'ad_delivery') {
      // Typed arrays rather than a Map: this runs for every row of million-row exports.
      for (let i = 0; i < AD_SUMS.length; i++) {
        const v = row[AD_SUMS[i]!];
        if (typeof v === 'number') {
          this.adSums[i] = this.adSums[i]! + v;
          this.adSeen[i] = 1;
        }
      }
      if (typeof row.spend_micros === 'number') {
        this.spendMicros += row.spend_micros;
        this.hasSpend = true;
      }
      if (row.currency) this.currency = row.currency as string;
    } else {
      const ch = row.channel as string;
      this.sums.set(ch, (this.sums.get(ch) ?? 0) + (row.count as number));
    }
  }

  /**
   * The totals of ad rows whose sums were computed elsewhere (the DuckDB fast path): `sums` holds,
   * per metric and for spend_micros, the sum over the rows that have a value (absent: none has).
   */
  static ofAdSums(sums: Record<string, number | undefined>, currency: string | undefined): Totals {
    const t = new Totals();
    AD_SUMS.forEach((m, i) => {
      const v = sums[m];
      if (v !== undefined) {
        t.adSums[i] = v;
        t.adSeen[i] = 1;
      }
    });
    if (sums.spend_micros !== undefined) {
      t.spendMicros = sums.spend_micros;
      t.hasSpend = true;
    }
    if (currency) t.currency = currency;
    return t;
  }

  /** The totals of partner counts summed elsewhere (the DuckDB fast path): each channel's sum. */
  static ofChannelSums(sums: [string, number][]): Totals {
    const t = new Totals();
    for (const [channel, n] of sums) t.sums.set(channel, n);
    return t;
  }

  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    AD_SUMS.forEach((m, i) => {
      if (this.adSeen[i]) out[m] = this.adSums[i]!;
    });
    Object.assign(out, Object.fromEntries(this.sums));
    if (this.hasSpend) out.spend = this.spendMicros / 1_000_000;
    return out;
  }
}
