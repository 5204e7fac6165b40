import { UNKNOWN_REGION } from '../geo/region-resolver.ts';
import type { Row } from '../lake/tables.ts';
import type { ReaderContext, RowError } from './reader.ts';
import { currencyCode, noCurrencyReason, parseCount, parseLocalDate, parseMoneyMicros, type DecimalMark, type Parsed } from './values.ts';

/**
 * Typed access to one record's cells for the ad-platform readers: every parse problem is pushed
 * as {row, column, reason}; a column index of -1 (not in this export) reads as null.
 * One instance per file, pointed at each record with `at()`: building closures per row was a
 * measurable share of a million-row ingest.
 */
export class AdCells {
  private f: string[] = [];
  private row = 0;
  private errs: RowError[] = [];
  // Exports repeat the same few dates: remember the last one parsed.
  private lastDateText = '';
  private lastDate: Parsed<string> = { ok: true, value: null };

  constructor(
    private readonly header: string[],
    private readonly decimal: DecimalMark = '.',
  ) {}

  /** Point at the next record; errors go to `errs` under `row`. */
  at(f: string[], row: number, errs: RowError[]): this {
    this.f = f;
    this.row = row;
    this.errs = errs;
    return this;
  }

  text(i: number): string | null {
    return i === -1 ? null : (this.f[i] ?? '').trim() || null;
  }

  count(i: number): number | null {
    return i === -1 ? null : this.take(i, parseCount(this.f[i] ?? '', this.decimal));
  }

  money(i: number): number | null {
    return i === -1 ? null : this.take(i, parseMoneyMicros(this.f[i] ?? '', this.decimal));
  }

  /** A required date: empty is an error too. */
  date(i: number): string | null {
    if (i === -1) return null;
    const text = this.f[i] ?? '';
    if (text !== this.lastDateText) {
      this.lastDateText = text;
      this.lastDate = parseLocalDate(text);
    }
    const d = this.take(i, this.lastDate);
    if (d === null && text.trim() === '') this.errs.push({ row: this.row, column: this.header[i]!, reason: 'date is empty' });
    return d;
  }

  private take<T>(i: number, parsed: Parsed<T>): T | null {
    if (parsed.ok) return parsed.value;
    this.errs.push({ row: this.row, column: this.header[i]!, reason: parsed.reason });
    return null;
  }
}

/** The error for a record whose cell count differs from the header's (a row cut short), or null. */
export function cellCountError(header: string[], f: string[], row: number): RowError | null {
  if (f.length === header.length) return null;
  return {
    row,
    column: header[Math.min(f.length, header.length - 1)]!,
    reason: `row has ${f.length} cells but the header has ${header.length}: the row may be cut short`,
  };
}

/**
 * Resolve a region cell onto the row: region_name keeps the text as written (with any locality,
 * e.g. the county), region_code the ISO code. An empty cell is an error, not the unknown region:
 * platforms write their unknown explicitly (`Unknown`, `Other locations`).
 */
export function setRegion(out: Row, text: string, column: string, row: number, errs: RowError[], ctx: ReaderContext): void {
  out.region_name = text.trim() || null;
  out.region_code = UNKNOWN_REGION;
  const resolved = ctx.resolveRegion(text);
  if ('code' in resolved) out.region_code = resolved.code;
  else errs.push({ row, column, reason: resolved.error });
}

/** Parse the caller's `YYYY-MM-DD..YYYY-MM-DD` period. */
export function parsePeriodOption(period: string): { start: string; end: string } | { error: string } {
  const m = /^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.|\/)\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(period);
  const start = m && parseLocalDate(m[1]!);
  const end = m && parseLocalDate(m[2]!);
  if (!start?.ok || !end?.ok || !start.value || !end.value || end.value < start.value)
    return { error: `period "${period}" is not FIRST..LAST dates such as 2024-01-01..2024-01-31` };
  return { start: start.value, end: end.value };
}

/**
 * The currency every row of a file carries: the file's own, else the caller's; never guessed.
 * A file with no money column (Meta's age x gender export, an API response without `spend`)
 * needs none: its rows carry an empty currency.
 * `fromFile` is what the file states (null when it states none), `where` names the column that
 * would state it and `missing` says what was looked for.
 */
export function fileCurrency(
  fromFile: string | null,
  ctx: ReaderContext,
  where: string,
  missing: string,
  /** false when the file has no money column: then no currency is needed (rows carry '') */
  hasMoney = true,
): { currency: string } | { error: RowError } {
  const given = ctx.currency === undefined ? null : currencyCode(ctx.currency);
  if (ctx.currency !== undefined && given === null)
    return { error: { row: 1, column: '(options)', reason: `currency "${ctx.currency}" is not an ISO 4217 code such as GBP` } };
  if (fromFile && given && fromFile !== given)
    return { error: { row: 1, column: where, reason: `the file is in ${fromFile} but the currency passed is ${given}` } };
  const currency = fromFile ?? given;
  if (!currency && !hasMoney) return { currency: '' };
  if (!currency) return { error: { row: 1, column: where, reason: noCurrencyReason(missing) } };
  return { currency };
}

/**
 * Currency of one row: the file-wide one (no currency column; from the caller's option) or the
 * row's currency column, which must hold an ISO 4217 code.
 */
export function rowCurrency(
  fixed: { currency: string } | { error: RowError } | undefined,
  f: string[],
  header: string[],
  currencyCol: number,
  ctx: ReaderContext,
  row: number,
  errs: RowError[],
): string | null {
  if (fixed && 'currency' in fixed) return fixed.currency;
  const stated = fileCurrency(currencyCode(f[currencyCol]), ctx, header[currencyCol]!, `"${header[currencyCol]}" is empty or not a currency code`);
  if ('error' in stated) {
    errs.push({ ...stated.error, row });
    return null;
  }
  return stated.currency;
}
