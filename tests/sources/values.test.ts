import { describe, expect, it } from 'vitest';
import { parseReportPeriod } from '../../shared/sources/google-period.ts';
import { findColumn, headerKey } from '../../shared/sources/reader.ts';
import { parseCount, parseMoneyMicros } from '../../shared/sources/values.ts';

describe('cell values', () => {
  it('reads counts with English and Dutch thousands separators and platform nulls', () => {
    expect(parseCount('"838,251"'.replace(/"/g, ''))).toEqual({ ok: true, value: 838_251 });
    expect(parseCount('1.696', ',')).toEqual({ ok: true, value: 1696 });
    expect(parseCount('1.234.567', ',')).toEqual({ ok: true, value: 1_234_567 });
    expect(parseCount('1\u202f234', ',')).toEqual({ ok: true, value: 1234 });
    expect(parseCount(' --')).toEqual({ ok: true, value: null });
    expect(parseCount('-')).toEqual({ ok: true, value: null });
    expect(parseCount('12,5', ',')).toEqual({ ok: false, reason: '"12,5" is not a whole number', code: 'countNotWhole', params: { cell: '12,5' } });
    expect(parseCount('< 10%').ok).toBe(false);
  });

  it('keeps money exact in micros with a decimal point or a decimal comma', () => {
    expect(parseMoneyMicros('31485.15')).toEqual({ ok: true, value: 31_485_150_000 });
    expect(parseMoneyMicros('"4,838.80"'.replace(/"/g, ''))).toEqual({ ok: true, value: 4_838_800_000 });
    expect(parseMoneyMicros('1487,67', ',')).toEqual({ ok: true, value: 1_487_670_000 });
    expect(parseMoneyMicros('1.234,56', ',')).toEqual({ ok: true, value: 1_234_560_000 });
    // Meta writes plain numbers in every language: a lone decimal point stays a decimal point.
    expect(parseMoneyMicros('12.5', ',')).toEqual({ ok: true, value: 12_500_000 });
    expect(parseMoneyMicros('12.5O').ok).toBe(false);
    // An English export re-saved by a European spreadsheet: "1,50" can only be a decimal comma.
    expect(parseMoneyMicros('1,50')).toEqual({ ok: true, value: 1_500_000 });
    expect(parseMoneyMicros('1,500')).toEqual({ ok: true, value: 1_500_000_000 });
  });
});

describe('Google report period line', () => {
  it.each([
    ['1 Jan 2024 - 31 Jan 2024', '2024-01-01', '2024-01-31'],
    ['9 mei 2020 - 7 juni 2020', '2020-05-09', '2020-06-07'],
    ['1 mrt. 2026 - 31 mrt. 2026', '2026-03-01', '2026-03-31'],
    ['"January 1, 2024 - January 31, 2024"', '2024-01-01', '2024-01-31'],
    ['1 juil. 2024 – 31 août 2024', '2024-07-01', '2024-08-31'],
    ['1 de enero de 2024 - 31 de enero de 2024', '2024-01-01', '2024-01-31'],
    ['2024-01-01 - 2024-01-31,,,', '2024-01-01', '2024-01-31'],
  ])('reads %s', (line, start, end) => {
    expect(parseReportPeriod(line)).toEqual({ start, end });
  });

  it('finds no dates in "All time" or an impossible range', () => {
    expect(parseReportPeriod('All time')).toBeUndefined();
    expect(parseReportPeriod('31 Feb 2024 - 1 Mar 2024')).toBeUndefined();
    expect(parseReportPeriod('31 Jan 2024 - 1 Jan 2024')).toBeUndefined();
  });
});

describe('header names', () => {
  it('ignore case, spacing, soft hyphens and apostrophe style', () => {
    expect(headerKey('Conv.waarde/\u00adkosten')).toBe('conv.waarde/kosten');
    expect(findColumn(['Nom de l’ensemble de publicités'], "Nom de l'ensemble de publicités")).toBe(0);
    expect(findColumn(['Ad Set  Name'], 'Ad set name')).toBe(0);
  });
});
