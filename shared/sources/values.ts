import { isIsoDate } from '../domain/dates.ts';

/** Result of parsing one cell: a value, null for an empty cell, or a reason it is wrong. */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string };

const NULLS = new Set(['', '-', '--']);

/** Non-negative whole number; thousands separators "1,234" allowed. */
export function parseCount(cell: string): Parsed<number> {
  const s = cell.trim();
  if (NULLS.has(s)) return { ok: true, value: null };
  const plain = s.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d+$/.test(plain)) {
    if (/^-\d/.test(plain)) return { ok: false, reason: `"${cell}" is negative: counts must be 0 or more` };
    if (/^\d+\.\d+$/.test(plain)) return { ok: false, reason: `"${cell}" is not a whole number` };
    return { ok: false, reason: `"${cell}" is not a number` };
  }
  const n = Number(plain);
  if (!Number.isSafeInteger(n)) return { ok: false, reason: `"${cell}" is too large` };
  return { ok: true, value: n };
}

/**
 * A money amount as exact millionths of the unit ("31485.15" -> 31485150000), parsed from the
 * text so no float error accumulates when amounts are summed.
 */
export function parseMoneyMicros(cell: string): Parsed<number> {
  const s = cell.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  if (NULLS.has(s)) return { ok: true, value: null };
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return { ok: false, reason: `"${cell}" is not an amount` };
  const micros = Number(m[2]) * 1_000_000 + Number((m[3] ?? '').padEnd(6, '0'));
  if (!Number.isSafeInteger(micros)) return { ok: false, reason: `"${cell}" is too large` };
  return { ok: true, value: m[1] ? -micros : micros };
}

/** A date written YYYY-MM-DD or DD/MM/YYYY (as UK, Kenyan and Lithuanian spreadsheets write it). */
export function parseLocalDate(cell: string): Parsed<string> {
  const s = cell.trim();
  if (s === '') return { ok: true, value: null };
  let iso = s;
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, reason: `"${cell}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-02` };
  return { ok: true, value: iso };
}
