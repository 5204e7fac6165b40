/** The sign-in page: partners and the campaigns team paste the access token they were given. */
import { csrfField, h, page } from './layout.ts';

/** Render the sign-in form, with an optional plain-words problem above it. */
export function signInPage(o: { csrf: string; problem?: string }): string {
  const problem = o.problem ? `<div class="alert" role="alert"><h2>Could not sign in</h2><p>${h(o.problem)}</p></div>` : '';
  return page({
    title: 'Sign in',
    body: `<h1>Sign in</h1>
<p class="lead">Local partners send their service counts here and see their own trend and the reports that cover their area. The campaigns team reads the campaign reports.</p>
${problem}
<form method="post" action="/sign-in" class="panel">
${csrfField(o.csrf)}
<label for="token">Access token</label>
<p class="hint" id="token-hint">Paste the token you were given when your account was made. It starts with <code>cgp_</code>. Keep it private, like a password.</p>
<input type="password" id="token" name="token" autocomplete="current-password" required aria-describedby="token-hint" spellcheck="false">
<p><button type="submit">Sign in</button></p>
</form>
<p class="hint">Lost your token? Ask the campaigns team for a new account.</p>`,
  });
}
