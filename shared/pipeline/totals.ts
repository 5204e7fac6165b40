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

  add(table: TableDef, row: Row): void {
    if (table.name === 'ad_delivery') {
      for (const m of AD_SUMS) {
        const v = row[m];
        if (typeof v === 'number') this.sums.set(m, (this.sums.get(m) ?? 0) + v);
      }
      if (typeof row.spend_micros === 'number') {
        this.spendMicros += row.spend_micros;
        this.hasSpend = true;
      }
      this.currency = row.currency as string;
    } else {
      const ch = row.channel as string;
      this.sums.set(ch, (this.sums.get(ch) ?? 0) + (row.count as number));
    }
  }

  toJSON(): Record<string, number> {
    const out = Object.fromEntries(this.sums);
    if (this.hasSpend) out.spend = this.spendMicros / 1_000_000;
    return out;
  }
}
