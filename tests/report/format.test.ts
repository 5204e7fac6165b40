import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDate,
  formatDateRange,
  formatFractionAsPercent,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPValue,
  formatRatio,
  formatRatioAsChange,
  formatSignedPercent,
  formatTimestamp,
} from '../../shared/report/format.ts';

describe('format', () => {
  it('formats numbers en-GB style', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(2.345, 1)).toBe('2.3');
    expect(formatNumber(-0.01, 1)).toBe('0.0');
    expect(formatNumber(null)).toBe('–');
    expect(formatCompact(56_000)).toBe('56k');
    expect(formatCompact(1_500_000)).toBe('1.5m');
  });
  it('formats money with the currency code and its usual decimals', () => {
    expect(formatMoney(1234.56, 'GBP')).toBe('GBP 1,234.56');
    expect(formatMoney(0.5, 'GBP')).toBe('GBP 0.50');
    expect(formatMoney(-3, 'EUR')).toBe('-EUR 3.00');
    expect(formatMoney(1500, 'JPY')).toBe('JPY 1,500');
    expect(formatMoney(null, 'GBP')).toBe('–');
  });
  it('formats percents, changes and ratios', () => {
    expect(formatPercent(1.2345, 2)).toBe('1.23%');
    expect(formatFractionAsPercent(0.923)).toBe('92%');
    expect(formatSignedPercent(12.34)).toBe('+12.3%');
    expect(formatSignedPercent(-4)).toBe('-4.0%');
    expect(formatSignedPercent(0.01)).toBe('0.0%');
    expect(formatRatioAsChange(1.123)).toBe('+12.3%');
    expect(formatRatioAsChange(0.9)).toBe('-10.0%');
    expect(formatRatio(1.23456)).toBe('1.23');
  });
  it('formats p-values', () => {
    expect(formatPValue(0.0004)).toBe('<0.001');
    expect(formatPValue(0.0042)).toBe('0.004');
    expect(formatPValue(0.2449)).toBe('0.24');
    expect(formatPValue(null)).toBe('–');
  });
  it('formats dates without any time-zone shift', () => {
    expect(formatDate('2026-03-02')).toBe('2 March 2026');
    expect(formatDateRange('2026-03-02', '2026-03-29')).toBe('2 to 29 March 2026');
    expect(formatDateRange('2026-02-02', '2026-03-01')).toBe('2 February to 1 March 2026');
    expect(formatDateRange('2025-12-29', '2026-01-04')).toBe('29 December 2025 to 4 January 2026');
    expect(formatTimestamp('2026-06-30T08:15:00Z')).toBe('30 June 2026, 08:15 UTC');
  });
});

describe('formatNumber on whole numbers (grouped without Intl)', () => {
  it('groups exactly as en-GB Intl does, at every length, signs and zeros included', () => {
    const intl = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
    const cases = [0, -0, 1, -1, 999, 1000, -1000, 12345, 999999, 1000000, -7654321, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 2000; i++) cases.push(Math.round((Math.random() - 0.5) * 10 ** (1 + (i % 15))));
    // -0 prints as "0" (formatNumber never prints "-0").
    for (const n of cases) expect(formatNumber(n)).toBe(intl.format(Object.is(n, -0) ? 0 : n));
  });
});
