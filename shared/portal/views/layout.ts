/**
 * The page shell shared by every portal page: no scripts, one stylesheet from the same origin,
 * a skip link, and a sign-out button (a POST form carrying the CSRF token) when signed in.
 */
import { escapeHtml } from '../../report/escape.ts';

/** Escape text for HTML content and attributes. */
export const h = escapeHtml;

/** Who the page is for, when signed in. */
export interface PageUser {
  name: string;
  csrf: string;
}

/** A complete HTML document. `body` must already be escaped markup. */
export function page(o: { title: string; body: string; user?: PageUser }): string {
  const signOut = o.user
    ? `<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${h(o.user.csrf)}"><span>${h(o.user.name)}</span> <button type="submit">Sign out</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(o.title)} · Partner portal</title>
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar"><div class="inner"><span class="brand">Partner portal</span>${signOut}</div></header>
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
