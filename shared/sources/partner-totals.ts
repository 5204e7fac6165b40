/**
 * Total rows in a partner's sheet ("Total", "Totaal", "Summe" at the bottom of a column): never
 * loaded as counts, but checked against the rows above, so a sheet whose rows and total
 * disagree is caught rather than half-trusted. A subtotal (the sum since the previous total row)
 * is accepted as well.
 */
import type { RowError } from './reader.ts';
import { rowError } from './reasons.ts';

export class TotalRows {
  private all = new Map<string, number>();
  private sinceLast = new Map<string, number>();
  readonly notes: RowError[] = [];

  /** Count a loaded row. */
  add(channel: string, count: number): void {
    this.all.set(channel, (this.all.get(channel) ?? 0) + count);
    this.sinceLast.set(channel, (this.sinceLast.get(channel) ?? 0) + count);
  }

  private sum(m: Map<string, number>, channel: string | undefined): number {
    if (channel !== undefined) return m.get(channel) ?? 0;
    let n = 0;
    for (const v of m.values()) n += v;
    return n;
  }

  /**
   * Check one total value (of a channel, or of every channel when undefined). Returns the error
   * when it matches neither the sum of all rows above nor the sum since the previous total row.
   */
  check(row: number, column: string, channel: string | undefined, value: number): RowError | undefined {
    const all = this.sum(this.all, channel);
    const since = this.sum(this.sinceLast, channel);
    if (value === all || value === since) return undefined;
    return rowError(row, column, 'totalMismatch', { value, all, since });
  }

  /** After a total row was checked: note it, and start a new subtotal. */
  accepted(row: number, column: string): void {
    this.notes.push(rowError(row, column, 'totalNoted'));
    this.sinceLast = new Map();
  }
}
