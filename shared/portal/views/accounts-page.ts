/**
 * Accounts for the campaigns team: every partner and admin account with its regions, a button to
 * issue a new token (the old one stops working at once) and one to remove the account (its data
 * stays). A token appears on this page once, right after it was issued.
 */
import { formatTimestamp } from '../../report/format.ts';
import { WEEK_STARTS, type Account } from '../accounts.ts';
import { LANGUAGES } from '../../i18n/index.ts';
import type { CognitoChange } from '../account-access.ts';
import { csrfField, h, page } from './layout.ts';

/** What the accounts page shows. */
export interface AccountsPageModel {
  name: string;
  csrf: string;
  accounts: Account[];
  /** A token just issued (shown once) or a message after an action. */
  issued?: { id: string; token: string; cognito?: CognitoChange };
  notice?: string;
  problem?: string;
}

/** On AWS: each Cognito sign-in's new temporary password, shown once like the token. */
function cognitoPasswords(c: CognitoChange | undefined): string {
  if (!c) return '';
  if (c.users.length === 0) return '<p>No Cognito sign-in belongs to this account.</p>';
  const items = c.users.map((u) => `<li>${h(u.email ?? u.username)}: <code data-testid="temporary-password">${h(u.temporaryPassword ?? '')}</code></li>`).join('');
  return `<p>Cognito sign-ins: a new temporary password each (the old password and its sessions no longer work; a new password is chosen at the next sign-in):</p><ul>${items}</ul>`;
}

/** Render the accounts page. */
export function accountsPage(m: AccountsPageModel): string {
  const rows = m.accounts
    .map((a) => {
      const area = a.role === 'admin' ? 'campaigns team' : a.allRegions ? 'all regions' : a.regions.join(', ');
      return `<tr data-account="${h(a.id)}"><td data-label="Account"><strong>${h(a.name)}</strong><br><code>${h(a.id)}</code></td><td data-label="Role">${h(a.role)}</td><td data-label="Regions">${h(area)}</td><td data-label="Token issued">${h(formatTimestamp(a.tokenIssuedAt ?? a.createdAt))}</td>
<td data-label="Actions"><form method="post" action="/admin/accounts/${h(a.id)}/token">${csrfField(m.csrf)}<button type="submit" class="secondary">New token</button></form>
<form method="post" action="/admin/accounts/${h(a.id)}/remove">${csrfField(m.csrf)}<button type="submit" class="secondary">Remove</button></form></td></tr>`;
    })
    .join('\n');
  const issued = m.issued
    ? `<div class="notice" role="status" data-testid="token-issued"><h2>Access token for ${h(m.issued.id)}</h2><p>Shown only now: give it to them privately. Any earlier token of this account no longer works.</p><p><code data-testid="token">${h(m.issued.token)}</code></p>${cognitoPasswords(m.issued.cognito)}</div>`
    : '';
  return page({
    title: 'Accounts',
    user: { name: m.name, csrf: m.csrf },
    body: `<h1>Accounts</h1>
<p class="lead"><a href="/admin">Campaign reports</a> · Accounts · <a href="/admin/completeness">Who sent which weeks</a></p>
${m.problem ? `<div class="alert" role="alert"><p>${h(m.problem)}</p></div>` : ''}${m.notice ? `<div class="notice" role="status"><p>${h(m.notice)}</p></div>` : ''}${issued}
<div class="table-wrap"><table class="stack" data-testid="accounts"><thead><tr><th scope="col">Account</th><th scope="col">Role</th><th scope="col">Regions</th><th scope="col">Token issued</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<form method="post" action="/admin/accounts" class="panel">
${csrfField(m.csrf)}
<h2>Add an account</h2>
<label for="acc-name">Organisation name</label>
<input type="text" id="acc-name" name="name" required>
<label for="acc-regions">Regions (codes, comma separated, e.g. GB-CAM,GB-LIN)</label>
<input type="text" id="acc-regions" name="regions" autocapitalize="characters">
<label><input type="checkbox" name="all_regions" value="1"> A national partner: all regions</label>
<label for="acc-week">Their reporting week starts on</label>
<select id="acc-week" name="week_start">${WEEK_STARTS.map((d) => `<option value="${d}"${d === 'monday' ? ' selected' : ''}>${h(d[0]!.toUpperCase() + d.slice(1))}</option>`).join('')}</select>
<label for="acc-lang">Portal language</label>
<select id="acc-lang" name="language"><option value="">The browser's</option>${Object.values(LANGUAGES).map((l) => `<option value="${h(l.lang)}">${h(l.languageName)}</option>`).join('')}</select>
<label><input type="checkbox" name="admin" value="1"> Campaigns team (admin), not a partner</label>
<p><button type="submit">Add the account</button></p>
</form>`,
  });
}
