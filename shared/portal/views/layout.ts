/**
 * The page shell shared by every portal page: no scripts, one stylesheet from the same origin,
 * a skip link, and a sign-out button (a POST form carrying the CSRF token) when signed in.
 */
import { escapeHtml } from '../../report/escape.ts';
import { en, type Messages } from '../../i18n/en.ts';
import { LANGUAGES } from '../../i18n/index.ts';

/** Escape text for HTML content and attributes. */
export const h = escapeHtml;

/** Who the page is for, when signed in. */
export interface PageUser {
  name: string;
  csrf: string;
}

/** A complete HTML document. `body` must already be escaped markup. */
export function page(o: { title: string; body: string; user?: PageUser; t?: Messages; languageForm?: boolean }): string {
  const t = o.t ?? en;
  const choose = o.user && o.languageForm ? languageForm(t, o.user.csrf) : '';
  const signOut = o.user
    ? `${choose}<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${h(o.user.csrf)}"><span>${h(o.user.name)}</span> <button type="submit">${h(t.signOut)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${h(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(o.title)} · ${h(t.brand)}</title>
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<a class="skip" href="#main">${h(t.skip)}</a>
<header class="bar"><div class="inner"><span class="brand">${h(t.brand)}</span>${signOut}</div></header>
<main id="main">
${o.body}
</main>
</body>
</html>
`;
}

/** A hidden CSRF field for a form. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="_csrf" value="${h(token)}">`;
}

/** The language chooser: saved on the account, so the next sign-in is in the same language. */
function languageForm(t: Messages, csrf: string): string {
  const options = Object.values(LANGUAGES).map((l) => `<option value="${h(l.lang)}"${l.lang === t.lang ? ' selected' : ''}>${h(l.languageName)}</option>`).join('');
  return `<form method="post" action="/partner/language" class="lang"><input type="hidden" name="_csrf" value="${h(csrf)}"><label for="lang-choice" class="sr-only">${h(t.language)}</label><select id="lang-choice" name="language">${options}</select> <button type="submit" class="secondary">${h(t.save)}</button></form>`;
}
