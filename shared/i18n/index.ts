/**
 * The languages partners read: the portal's pages, the reasons a file or row was refused
 * (shared/sources/reasons.ts) and the partners' copy of a report. Each language is one file of
 * strings with exactly the keys of en.ts (the compiler checks the shape, tests/portal/i18n.test.ts
 * every key). To add one (Swahili, Hausa...): copy en.ts to sw.ts, translate, and list it in
 * LANGUAGES; the next `campaign analyse` writes report.partners.sw.html too.
 */
import { formatDate } from '../report/format.ts';
import { en, type Messages } from './en.ts';
import { it } from './it.ts';
import { lt } from './lt.ts';

export type { Messages } from './en.ts';

/** Every language, by its ISO 639-1 code. English first: the fallback. */
export const LANGUAGES: Readonly<Record<string, Messages>> = { en, lt, it };

/**
 * The language for a request: the account's own choice, else the browser's first listed one we
 * have (Accept-Language, in its order of preference), else English.
 */
export function pickLanguage(accountLanguage: string | undefined, acceptLanguage: string | undefined): Messages {
  if (accountLanguage && LANGUAGES[accountLanguage]) return LANGUAGES[accountLanguage]!;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { code: (tag ?? '').toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.code && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) if (LANGUAGES[w.code]) return LANGUAGES[w.code]!;
  return en;
}

/** The languages the partners' copy of a report is written in besides English (report.partners.<lang>.html). */
export function partnerLanguages(): Messages[] {
  return Object.values(LANGUAGES).filter((t) => t.lang !== 'en');
}

/** The file of the partners' copy in a language: English is report.partners.html, others report.partners.<lang>.html. */
export function partnersFile(lang: string, kind: 'html' | 'pdf'): string {
  return lang === 'en' ? `report.partners.${kind}` : `report.partners.${lang}.${kind}`;
}

/** A date in the page's language ("9 March 2026", "2026 m. kovo 9 d.", "9 marzo 2026"). */
export function dateIn(t: Messages, iso: string): string {
  if (t.lang === 'en') return formatDate(iso);
  let f = DATE_FORMATS.get(t.lang);
  if (!f) DATE_FORMATS.set(t.lang, (f = new Intl.DateTimeFormat(t.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** One date format per language: building one costs more than formatting thousands of dates with it. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();
