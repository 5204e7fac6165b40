/** The sign-in page: partners and the campaigns team paste the access token they were given. */
import { en, type Messages } from '../../i18n/en.ts';
import { csrfField, h, page } from './layout.ts';

/** Render the sign-in form, with an optional plain-words problem above it. */
export function signInPage(o: { csrf: string; problem?: string; t?: Messages }): string {
  const t = o.t ?? en;
  const problem = o.problem ? `<div class="alert" role="alert"><h2>${h(t.couldNotSignIn)}</h2><p>${h(o.problem)}</p></div>` : '';
  return page({
    title: t.signIn,
    t,
    body: `<h1>${h(t.signIn)}</h1>
<p class="lead">${h(t.signInLead)}</p>
${problem}
<form method="post" action="/sign-in" class="panel">
${csrfField(o.csrf)}
<label for="token">${h(t.accessToken)}</label>
<p class="hint" id="token-hint">${h(t.tokenHint)}</p>
<input type="password" id="token" name="token" autocomplete="current-password" required aria-describedby="token-hint" spellcheck="false">
<p><button type="submit">${h(t.signIn)}</button></p>
</form>
<p class="hint">${h(t.lostToken)}</p>`,
  });
}
