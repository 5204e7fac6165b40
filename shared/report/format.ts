/**
 * Number, percent, money, date and ratio formatting shared by the Markdown and HTML renderers.
 * en-GB conventions (1,234.5; 2 March 2026). Pure: no locale or time zone is read from the machine.
 */

const LOCALE = 'en-GB';

/** Shown wherever a value is missing, so empty cells never look like zero. */
export const NOT_AVAILABLE = '–';

// Intl formatters are costly to build; cache by options.
const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, options);
    cache.set(key, f);
  }
  return f;
}

const BY_DECIMALS: Intl.NumberFormat[] = [];

function isNum(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Fix negative zero after rounding, so we never print "-0". */
function clean(n: number, decimals: number): number {
  const r = Number(n.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
}

/**
 * A plain number with thousands separators.
 * @example formatNumber(1234567) // "1,234,567"; formatNumber(2.5, 1) // "2.5"
 */
export function formatNumber(n: number | null | undefined, decimals = 0): string {
  if (!isNum(n)) return NOT_AVAILABLE;
  // Whole counts (most of a report's cells) grouped by hand, as en-GB groups them: Intl's format is slow per call.
  if (decimals === 0 && Number.isSafeInteger(n)) return groupThousands(Object.is(n, -0) ? 0 : n);
  // By decimals in an array: thousands of cells per report, each a formatter lookup.
  const f = (BY_DECIMALS[decimals] ??= nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
  return f.format(clean(n, decimals));
}

/** An integer with en-GB thousands separators: 1234567 -> "1,234,567", -1234 -> "-1,234". */
function groupThousands(n: number): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/**
 * A short number for chart axes: 950, 1.2k, 34k, 1.5m.
 * Lower-case k/m as in GOV.UK style.
 */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${formatNumber(n / 1e6, abs >= 1e7 ? 0 : 1).replace(/\.0$/, '')}m`;
  if (abs >= 1e3) return `${formatNumber(n / 1e3, abs >= 1e4 ? 0 : 1).replace(/\.0$/, '')}k`;
  return formatNumber(n, Number.isInteger(n) ? 0 : 1);
}

/**
 * A value that is already in percent (e.g. CTR 1.25 means 1.25%).
 * @example formatPercent(1.25, 2) // "1.25%"
 */
export function formatPercent(pct: number | null | undefined, decimals = 1): string {
  if (!isNum(pct)) return NOT_AVAILABLE;
  return `${formatNumber(pct, decimals)}%`;
}

/**
 * A fraction as a percent (attainment 0.92 -> "92%").
 * @example formatFractionAsPercent(0.923) // "92%"
 */
export function formatFractionAsPercent(fraction: number | null | undefined, decimals = 0): string {
  if (!isNum(fraction)) return NOT_AVAILABLE;
  return formatPercent(fraction * 100, decimals);
}

/**
 * A signed change in percent ("+12.3%", "-4.0%", "0.0%"). The sign is explicit so a change is never
 * mistaken for a level. Uses an ASCII hyphen so the text pastes and searches cleanly.
 */
export function formatSignedPercent(pct: number | null | undefined, decimals = 1): string {
  if (!isNum(pct)) return NOT_AVAILABLE;
  const r = clean(pct, decimals);
  return `${r > 0 ? '+' : ''}${formatNumber(r, decimals)}%`;
}

/**
 * A rate ratio as a signed change in percent: 1.123 -> "+12.3%".
 * @example formatRatioAsChange(0.9) // "-10.0%"
 */
export function formatRatioAsChange(ratio: number | null | undefined, decimals = 1): string {
  if (!isNum(ratio)) return NOT_AVAILABLE;
  return formatSignedPercent((ratio - 1) * 100, decimals);
}

/**
 * A ratio with two decimals, e.g. a rate ratio "1.12".
 */
export function formatRatio(ratio: number | null | undefined, decimals = 2): string {
  return formatNumber(ratio, decimals);
}

/**
 * Money with the ISO currency code in front, using the currency's usual decimals (JPY has none).
 * A code rather than a symbol: reviews are shared across countries and "$" is ambiguous.
 * @example formatMoney(1234.5, 'GBP') // "GBP 1,234.50"; formatMoney(-3, 'GBP') // "-GBP 3.00"
 */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (!isNum(amount)) return NOT_AVAILABLE;
  let digits = 2;
  try {
    digits = nf({ style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Unknown code: keep 2 decimals rather than fail the whole report.
  }
  const r = clean(amount, digits);
  const body = formatNumber(Math.abs(r), digits);
  return `${r < 0 ? '-' : ''}${currency} ${body}`;
}

/**
 * A p-value: "<0.001", three decimals below 0.01, else two.
 */
export function formatPValue(p: number | null | undefined): string {
  if (!isNum(p)) return NOT_AVAILABLE;
  if (p < 0.001) return '<0.001';
  if (p < 0.01) return formatNumber(p, 3);
  return formatNumber(p, 2);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Ymd {
  y: number;
  m: number;
  d: number;
}

// Dates in the report are local calendar dates (YYYY-MM-DD); parse them as text so no time zone can shift them.
function parseYmd(date: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/**
 * A calendar date in GOV.UK style.
 * @example formatDate('2026-03-02') // "2 March 2026"
 */
export function formatDate(date: string | null | undefined): string {
  const p = date ? parseYmd(date) : null;
  if (!p) return date ?? NOT_AVAILABLE;
  return `${p.d} ${MONTHS[p.m - 1] ?? ''} ${p.y}`;
}

/**
 * A short date for chart axes, e.g. "2 Mar".
 */
export function formatShortDate(date: string): string {
  const p = parseYmd(date);
  if (!p) return date;
  return `${p.d} ${(MONTHS[p.m - 1] ?? '').slice(0, 3)}`;
}

/**
 * An inclusive date range, dropping repeated month and year.
 * @example formatDateRange('2026-03-02', '2026-03-29') // "2 to 29 March 2026"
 */
export function formatDateRange(start: string, end: string): string {
  const a = parseYmd(start);
  const b = parseYmd(end);
  if (!a || !b) return `${start} to ${end}`;
  if (a.y === b.y && a.m === b.m) return `${a.d} to ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m - 1]} to ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  return `${formatDate(start)} to ${formatDate(end)}`;
}

/**
 * A timestamp such as `generatedAt` in UTC: "27 November 2026, 22:30 UTC".
 */
export function formatTimestamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** Singular or plural noun: plural(1, 'day') = "1 day". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${formatNumber(n)} ${n === 1 ? word : pluralWord}`;
}
