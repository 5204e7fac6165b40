import { isIsoDate } from '../domain/dates.ts';

/** Month by the first letters of its name in English, Dutch, French, Spanish, Italian, Portuguese and German. */
const MONTHS: [string, number][] = [
  // Four-letter French forms first: "juin" and "juil" share three letters.
  ['juin', 6], ['juil', 7],
  ['jan', 1], ['gen', 1], ['ene', 1],
  ['feb', 2], ['fev', 2],
  ['mar', 3], ['mrt', 3], ['maa', 3],
  ['apr', 4], ['avr', 4], ['abr', 4],
  ['may', 5], ['mei', 5], ['mai', 5], ['mag', 5],
  ['jun', 6], ['giu', 6],
  ['jul', 7], ['lug', 7],
  ['aug', 8], ['ago', 8], ['aou', 8],
  ['sep', 9], ['set', 9],
  ['oct', 10], ['okt', 10], ['ott', 10], ['out', 10],
  ['nov', 11],
  ['dec', 12], ['dic', 12], ['dez', 12],
];

function month(word: string): number | undefined {
  return MONTHS.find(([prefix]) => word.startsWith(prefix))?.[1];
}

/** One side of a range: "1 Jan 2024", "9 mei 2020", "January 31, 2024", "2024-01-31". */
function parseDay(text: string): string | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}$/.exec(text.trim());
  if (iso) return isIsoDate(iso[0]) ? iso[0] : undefined;
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'de'); // Spanish and Portuguese "1 de enero de 2024"
  if (words.length !== 3) return undefined;
  const [a, b, c] = words as [string, string, string];
  const dayFirst = /^\d{1,2}$/.test(a);
  const d = dayFirst ? a : b;
  const m = month(dayFirst ? b : a);
  if (!m || !/^\d{1,2}$/.test(d) || !/^\d{4}$/.test(c)) return undefined;
  const out = `${c}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(out) ? out : undefined;
}

/**
 * The date range a Google Ads report states on its second line ("1 Jan 2024 - 31 Jan 2024",
 * Dutch "9 mei 2020 - 7 juni 2020", "January 1, 2024 - January 31, 2024"), or undefined
 * ("All time" states none).
 */
export function parseReportPeriod(line: string): { start: string; end: string } | undefined {
  const text = line.replace(/[,;\t]+\s*$/, '').trim().replace(/^"(.*)"$/, '$1');
  const sides = text.split(/\s+[-\u2013\u2014]\s+/);
  if (sides.length !== 2) return undefined;
  const start = parseDay(sides[0]!);
  const end = parseDay(sides[1]!);
  return start && end && start <= end ? { start, end } : undefined;
}
