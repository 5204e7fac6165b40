import type { RowError } from './reader.ts';
import { parseCount, parseMoneyMicros, type DecimalMark } from './values.ts';

/** State of the Total-row check of one Google report, filled while its rows stream by. */
export interface TotalCheck {
  header: string[];
  decimal: DecimalMark;
  /** lake column -> header index (-1 when absent) of the metrics compared */
  columns: Record<string, number>;
  /** sums of the accepted rows, per lake column */
  sums: Record<string, number>;
  /** the first `Total:` row: the total of the rows above it (later ones are account-wide) */
  total?: { row: number; cells: string[] };
  /** false once a row had errors: the file is rejected anyway and the sums mean nothing */
  clean: boolean;
}

const show = (key: string, n: number): string =>
  key === 'spend_micros' ? (n / 1_000_000).toFixed(2) : n.toLocaleString('en-US');

/**
 * Compare the rows' sums with the report's own first Total row (impressions, clicks, cost).
 * A difference means rows were lost or changed on the way: the file is rejected with both numbers.
 */
export function checkTotalRow(check: TotalCheck): RowError[] {
  if (!check.total || !check.clean) return [];
  const { row, cells } = check.total;
  const errors: RowError[] = [];
  for (const [key, i] of Object.entries(check.columns)) {
    if (i === -1) continue;
    const column = check.header[i]!;
    const parsed = key === 'spend_micros' ? parseMoneyMicros(cells[i] ?? '', check.decimal) : parseCount(cells[i] ?? '', check.decimal);
    if (!parsed.ok) {
      errors.push({ row, column, reason: `total row: ${parsed.reason}` });
      continue;
    }
    if (parsed.value === null) continue;
    const sum = check.sums[key] ?? 0;
    if (sum !== parsed.value)
      errors.push({
        row,
        column,
        reason: `the rows add up to ${show(key, sum)} but the report's total row "${(cells[0] ?? '').trim()}" says ${show(key, parsed.value)}: rows may be missing or changed`,
      });
  }
  return errors;
}
