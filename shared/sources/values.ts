import { isIsoDate } from '../domain/dates.ts';
import { why, type ReasonCode } from './reasons.ts';

/**
 * Result of parsing one cell: a value, null for an empty cell, or a reason it is wrong (in
 * English; counts and dates also as a code a page can translate, see reasons.ts).
 */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string; code?: ReasonCode; params?: Record<string, string | number> };

/** Decimal mark of a file's numbers: `.` (English exports) or `,` (Dutch, French, ... interfaces). */
export type DecimalMark = '.' | ',';

// Meta writes `-`, Google ` --` (trimmed) for "no value".
const NULLS = new Set(['', '-', '--']);

/**
 * Drop thousands separators, and turn a decimal comma into a point. With a decimal comma,
 * `1.696` is 1696 (Google's Dutch interface) but a lone `31485.15` stays a decimal point, since
 * Meta writes plain numbers in every language. With a decimal point, `1,50` or `1.234,56` can
 * only be a decimal comma (a thousands group has 3 digits): an English export re-saved by a
 * European spreadsheet.
 */
function canonical(s: string, decimal: DecimalMark): string {
  if (!s.includes(',')) return decimal === '.' || !DOT_GROUPS.test(s) ? s : s.replace(/[.\s\u00a0\u202f]/g, '');
  if (decimal === '.' && !DECIMAL_COMMA.test(s)) return s.replace(/,(?=\d{3}(\D|$))/g, '');
  return s.replace(/[.\s\u00a0\u202f](?=\d{3}(\D|$))/g, '').replace(',', '.');
}
// `1.696` or French `1 696` (space, no-break space or narrow no-break space) with a decimal comma.
const DOT_GROUPS = /^-?\d{1,3}([.\s\u00a0\u202f]\d{3})+$/;
const DECIMAL_COMMA = /^-?\d{1,3}(\.\d{3})*,\d{1,2}$|^-?\d+,\d{1,2}$/;
const DIGITS = /^\d{1,15}$/;

/** Non-negative whole number; thousands separators ("1,234", or "1.234" with a decimal comma) allowed. */
export function parseCount(cell: string, decimal: DecimalMark = '.'): Parsed<number> {
  const s = cell.trim();
  if (DIGITS.test(s)) return { ok: true, value: Number(s) }; // the common case, first
  if (NULLS.has(s)) return { ok: true, value: null };
  const plain = canonical(s, decimal);
  if (!/^\d+$/.test(plain)) {
    if (/^-\d/.test(plain)) return { ok: false, ...why('countNegative', { cell }) };
    if (/^\d+\.\d+$/.test(plain)) return { ok: false, ...why('countNotWhole', { cell }) };
    return { ok: false, ...why('countNotNumber', { cell }) };
  }
  const n = Number(plain);
  if (!Number.isSafeInteger(n)) return { ok: false, ...why('countTooLarge', { cell }) };
  return { ok: true, value: n };
}

/**
 * A money amount as exact millionths of the unit ("31485.15" -> 31485150000, Dutch "1487,67" ->
 * 1487670000), parsed from the text so no float error accumulates when amounts are summed.
 */
export function parseMoneyMicros(cell: string, decimal: DecimalMark = '.'): Parsed<number> {
  const s = cell.trim();
  if (NULLS.has(s)) return { ok: true, value: null };
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(canonical(s, decimal));
  if (!m) return { ok: false, reason: `"${cell}" is not an amount` };
  const micros = Number(m[2]) * 1_000_000 + Number((m[3] ?? '').padEnd(6, '0'));
  if (!Number.isSafeInteger(micros)) return { ok: false, reason: `"${cell}" is too large` };
  return { ok: true, value: m[1] ? -micros : micros };
}

/**
 * A date written YYYY-MM-DD or DD/MM/YYYY (as UK, Kenyan and Lithuanian spreadsheets write it).
 * Spreadsheets often add a midnight time (`16/03/2026 00:00`, `2026-03-16T00:00:00`): accepted,
 * since it names the same day; any other time of day is refused rather than guessed.
 */
export function parseLocalDate(cell: string): Parsed<string> {
  let s = cell.trim();
  if (s === '') return { ok: true, value: null };
  const time = /^(\S+)[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(s);
  if (time) {
    if (Number(time[2]) !== 0 || Number(time[3]) !== 0 || Number(time[4] ?? 0) !== 0)
      return { ok: false, ...why('dateTime', { cell, date: time[1]! }) };
    s = time[1]!;
  }
  let iso = s;
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, ...why('notDate', { cell }) };
  return { ok: true, value: iso };
}

/** An ISO 4217 currency code as a file or the caller writes it ("gbp " -> "GBP"), or null. */
export function currencyCode(text: string | undefined): string | null {
  const s = (text ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(s) ? s : null;
}

/** The message for a file that states no currency anywhere. */
export function noCurrencyReason(what: string): string {
  return `${what}: the file states no currency, and spend is never assumed to be in one; pass the account currency (campaign ingest --currency GBP, or IngestOptions.currency)`;
}
