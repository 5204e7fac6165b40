/** Languages: every key in every language, the choice from the account or the browser, pages in that language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../../shared/portal/accounts.ts';
import { listUploads } from '../../shared/portal/upload-log.ts';
import { createPortalApp } from '../../shared/portal/app.ts';
import { en } from '../../shared/i18n/en.ts';
import { dateIn, LANGUAGES, pickLanguage } from '../../shared/i18n/index.ts';
import { CAMPAIGN_ID, portalLake, REPORT_AS_OF, signInAs } from './support/portal-lake.ts';

/** Every leaf of a messages object, as "a.b" -> value. */
function leaves(o: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}
/** Reasons take one object of parameters; page strings take positional ones. */
const anyParams = new Proxy({}, { get: () => 3 });
const render = (v: unknown, key = ''): string =>
  typeof v !== 'function' ? String(v) : String(key.startsWith('reasons.') ? (v as (p: unknown) => unknown)(anyParams) : (v as (...a: unknown[]) => unknown)(3, 3, 3, 3, 3));

describe('portal languages', () => {
  const english = leaves(en);

  it.each(Object.keys(LANGUAGES))('%s has every key of English, each a non-empty string of the same kind', (code) => {
    const lang = leaves(LANGUAGES[code]!);
    expect([...lang.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of lang) {
      expect(typeof value, key).toBe(typeof english.get(key));
      expect(render(value, key).trim(), key).not.toBe('');
    }
    if (code !== 'en') {
      // Translated, not copied: most strings differ from English (names like "CSV" may not).
      const same = [...lang].filter(([k, v]) => render(v, k) === render(english.get(k), k)).map(([k]) => k);
      expect(same.length, same.join(', ')).toBeLessThan(english.size / 10);
    }
  });

  it.each(Object.keys(LANGUAGES))('%s says every refusal with the cells, names and numbers the partner wrote', (code) => {
    // Each parameter gets a distinct marker: whatever English repeats back, the translation does too.
    for (const [key, fn] of Object.entries(en.reasons)) {
      const markers: Record<string, string | number> = {};
      const params = new Proxy(markers, { get: (_t, k) => (markers[String(k)] ??= k === 'max' || k === 'since' || k === 'all' || k === 'value' || k === 'total' || k === 'sum' || k === 'length' || k === 'cells' || k === 'width' ? 7000 + Object.keys(markers).length : `«${String(k)}»`) });
      const english = (fn as (p: unknown) => string)(params);
      const translated = (LANGUAGES[code]!.reasons[key as keyof typeof en.reasons] as (p: unknown) => string)(params);
      for (const m of Object.values(markers)) {
        const shown = typeof m === 'number' ? [String(m), m.toLocaleString('en-GB'), m.toLocaleString(code)] : [m];
        if (shown.some((x) => english.includes(x)) && !['aliasFile', 'kind'].some((k) => m === `«${k}»`)) expect(shown.some((x) => translated.includes(x)), `${code} ${key} keeps ${m}`).toBe(true);
      }
    }
  });

  it('chooses the account\'s language, else the browser\'s in its order of preference, else English', () => {
    expect(pickLanguage('it', 'lt-LT,lt;q=0.9').lang).toBe('it');
    expect(pickLanguage(undefined, 'lt-LT,lt;q=0.9,en;q=0.5').lang).toBe('lt');
    expect(pickLanguage(undefined, 'sw-KE, it;q=0.8, en;q=0.6').lang).toBe('it');
    expect(pickLanguage(undefined, 'fr;q=1, en;q=0').lang).toBe('en');
    expect(pickLanguage('xx', undefined).lang).toBe('en');
  });

  it('writes dates in the page\'s language', () => {
    expect(dateIn(LANGUAGES.en!, '2026-03-09')).toBe('9 March 2026');
    expect(dateIn(LANGUAGES.it!, '2026-03-09')).toBe('9 marzo 2026');
    expect(dateIn(LANGUAGES.lt!, '2026-03-09')).toMatch(/kovo 9/);
  });

  describe('pages', () => {
    let lake: Awaited<ReturnType<typeof portalLake>>;
    let app: ReturnType<typeof createPortalApp>;
    beforeAll(async () => {
      lake = await portalLake();
      app = createPortalApp({ store: lake.store, now: () => new Date('2026-11-27T12:00:00Z') });
    });
    afterAll(() => lake.cleanup());

    const signedIn = async (token: string, acceptLanguage: string) => (await signInAs(app, token, { 'Accept-Language': acceptLanguage })).cookie;

    it('serves the sign-in page and the partner page in the browser\'s language, and in the account\'s once chosen', async () => {
      const signIn = await (await app.request('/', { headers: { 'Accept-Language': 'lt-LT,lt;q=0.9' } })).text();
      expect(signIn).toContain('<html lang="lt">');
      expect(signIn).toContain('Prieigos raktas');
      const cookie = await signedIn(lake.tokens.lincs, 'lt');
      const lt = await (await app.request('/partner', { headers: { Cookie: cookie, 'Accept-Language': 'lt' } })).text();
      expect(lt).toContain('Jūsų įkėlimai');
      expect(lt).toContain('Jūsų savaitės prasideda pirmadienį');
      await updateAccount(lake.store, 'lincs-support-line', { language: 'it' });
      const it = await (await app.request('/partner', { headers: { Cookie: cookie, 'Accept-Language': 'lt' } })).text();
      expect(it).toContain('<html lang="it">');
      expect(it).toContain('Le tue settimane iniziano di lunedì');
      // The form's own problems come in the same language.
      const csrf = /name="_csrf" value="([^"]+)"/.exec(it)![1]!;
      const body = new URLSearchParams({ _csrf: csrf, week_start: '2026-11-25', channel_1: 'helpline_calls', count_1: '3' });
      const res = await app.request('/partner/week', { method: 'POST', headers: { Origin: 'http://localhost', Cookie: cookie }, body });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('Le tue settimane iniziano di lunedì: il 2026-11-25 non è lunedì. La settimana che lo contiene inizia il 2026-11-23.');
    });

    it('serves a partner the partners\' copy of a report in its language, the campaigns team the English one', async () => {
      const url = `/reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.html`;
      await updateAccount(lake.store, 'fenland-helpline', { language: 'it' });
      const partner = await signedIn(lake.tokens.fenland, 'en');
      const it = await (await app.request(url, { headers: { Cookie: partner } })).text();
      expect(it).toContain('<html lang="it">');
      expect(it).toContain('Domanda di servizi');
      expect(it).toContain('← Torna al portale');
      // By the browser when the account has no choice (Lithuanian), and English where there is no copy.
      const lt = await signedIn(lake.tokens.norfolk, 'lt');
      expect(await (await app.request(url, { headers: { Cookie: lt, 'Accept-Language': 'lt' } })).text()).toContain('Paslaugų poreikis');
      await lake.store.delete(`reports/${CAMPAIGN_ID}/${REPORT_AS_OF}/report.partners.lt.html`);
      expect(await (await app.request(url, { headers: { Cookie: lt, 'Accept-Language': 'lt' } })).text()).toContain('<h2 id="demand-h">Service demand</h2>');
      const admin = await signedIn(lake.tokens.admin, 'it');
      const team = await (await app.request(url, { headers: { Cookie: admin, 'Accept-Language': 'it' } })).text();
      expect(team).toContain('<html lang="en">');
    });

    it('refuses a file over the size limit in the browser\'s language, before reading it', async () => {
      const small = createPortalApp({ store: lake.store, limits: { maxBytes: 1000 } });
      const form = new FormData();
      form.append('file', new File(['x'.repeat(200_000)], 'big.csv'));
      const res = await small.request('/partner/upload', { method: 'POST', headers: { Origin: 'http://localhost', 'Accept-Language': 'it-IT' }, body: form });
      expect(res.status).toBe(413);
      const text = await res.text();
      expect(text).toContain('<html lang="it">');
      expect(text).toContain('Il file è troppo grande: supera 1 KB.');
    });

    it('gives the reasons of a refused upload in the partner\'s language, with their rows and columns; the stored record keeps English and the code', async () => {
      await updateAccount(lake.store, 'lincs-support-line', { language: 'lt' });
      const cookie = await signedIn(lake.tokens.lincs, 'en');
      const page = await (await app.request('/partner', { headers: { Cookie: cookie } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const form = new FormData();
      form.append('_csrf', csrf);
      form.append('file', new File(['region,week_start,channel,count\nGB-LIN,2026-11-02,helpline_calls,2.5\nGB-LIN,2026-11-09,helpline_calls,-1\nGB-LIN,2099-01-05,helpline_calls,3\n'], 'counts.csv', { type: 'text/csv' }));
      const res = await app.request('/partner/upload', { method: 'POST', headers: { Origin: 'http://localhost', Cookie: cookie }, body: form });
      expect(res.status).toBe(422);
      const text = await res.text();
      expect(text).toContain('<html lang="lt">');
      const row = (n: number) => new RegExp(`<td data-label="Kur">${n} eilutė</td><td data-label="Stulpelis">(week_start|count)</td><td data-label="Kas negerai">([^<]+)</td>`).exec(text)?.slice(1);
      expect(row(2)).toEqual(['count', '„2.5“ nėra sveikasis skaičius']);
      expect(row(3)).toEqual(['count', '„-1“ yra neigiamas: skaičiai turi būti 0 arba didesni']);
      expect(row(4)).toEqual(['week_start', '2099-01-05 yra ateityje']);
      expect(text).not.toContain('is not a whole number');
      // The rejected upload in the history: its first problem, translated too.
      const later = await (await app.request('/partner', { headers: { Cookie: cookie } })).text();
      expect(later).toContain('Nepriimta: 2 eilutė, count: „2.5“ nėra sveikasis skaičius');
      const logged = (await listUploads(lake.store, 'lincs-support-line'))[0]!;
      expect(logged.errors[0]).toEqual({ row: 2, column: 'count', reason: '"2.5" is not a whole number', code: 'countNotWhole', params: { cell: '2.5' } });
    });
  });
});
