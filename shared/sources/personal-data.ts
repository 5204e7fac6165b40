/**
 * Personal data in partner uploads, found by value (headers are checked by the reader): only
 * aggregate counts may enter the lake. Each finding names the row and column and says what it
 * looked like, never echoing the value itself into logs or quarantine files.
 */
import type { RowError } from './reader.ts';
import { rowError } from './reasons.ts';

/** One finding, in the reader's error shape. */
export type PersonalDataError = RowError;

/** What a value may look like, in order (also read as RE2 by the fast path's partner plan: plans/partner-csv.ts). */
export const PERSONAL_PATTERNS: readonly { what: 'email' | 'ni' | 'postcode' | 'phone' | 'dob'; test: RegExp }[] = [
  { what: 'email', test: /[^\s@]+@[^\s@]+\.[a-z]{2,}/i },
  // UK National Insurance number: two letters, six digits, A-D (spaces allowed).
  { what: 'ni', test: /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/i },
  // UK postcode (full, with the inward part), e.g. PE13 1AB.
  { what: 'postcode', test: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i },
  // A phone number: 10 or more digits, optionally with +, spaces, dots, dashes or brackets.
  { what: 'phone', test: /(?:\+|\b0)(?:[\s().-]*\d){9,}/ },
  // A calendar date outside the date column: most likely a date of birth.
  { what: 'dob', test: /\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b/ },
];

/** Free text longer than this in `location` is a note about someone, not a site name. */
export const MAX_LOCATION_LENGTH = 80;

/**
 * Check one row's cells. `dateColumn` and `countColumn` hold dates and numbers by design, so only
 * the checks that cannot be mistaken for them run there.
 * @example personalDataErrors(['GB-CAM', 'jo@example.org'], ['region', 'location'], 2, { location: 1 })
 */
export function personalDataErrors(
  cells: string[],
  header: string[],
  row: number,
  columns: { location?: number; date?: number; count?: number } = {},
): PersonalDataError[] {
  const out: PersonalDataError[] = [];
  cells.forEach((raw, i) => {
    const v = raw.trim();
    if (v === '') return;
    const column = header[i] ?? `column ${i + 1}`;
    const skip = i === columns.date || i === columns.count ? new Set(['phone', 'dob']) : new Set<string>();
    const hit = PERSONAL_PATTERNS.find((c) => !skip.has(c.what) && c.test.test(v));
    if (hit) out.push(rowError(row, column, 'personalValue', { kind: hit.what }));
    else if (i === columns.location && v.length > MAX_LOCATION_LENGTH) out.push(rowError(row, column, 'longText', { length: v.length, max: MAX_LOCATION_LENGTH }));
  });
  return out;
}
