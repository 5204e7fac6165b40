import { openStore } from '../../shared/config.ts';
import { AccountError, createAccount, listAccounts, loadAccount, WEEK_STARTS, type WeekStart } from '../../shared/portal/accounts.ts';
import { newCredential, removeAccess, type CognitoChange } from '../../shared/portal/account-access.ts';
import type { CognitoPool } from '../../shared/portal/cognito-access.ts';
import { LANGUAGES } from '../../shared/i18n/index.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = `campaign partner add NAME (--regions CODES | --all-regions) [--week-start monday] [--language en|lt|it] [--cognito EMAIL --user-pool ID] [--json]
       campaign partner add --admin NAME [--cognito EMAIL --user-pool ID] [--json]
       campaign partner list [--json]
       campaign partner token ID [--user-pool ID] [--json]   new token; the old one stops working
       campaign partner remove ID [--user-pool ID] [--json]  the account can no longer sign in; its data is kept
       (every form takes --data DIR; on AWS, token and remove also reach the account's Cognito users:
        a new temporary password, or the user disabled; pool: --user-pool, COGNITO_USER_POOL_ID or the one recorded)`;

/**
 * `campaign partner ...`: portal accounts. A token is printed once (only its hash is stored).
 * Partner accounts are granted regions explicitly: `--regions GB-CAM,GB-LIN`, or `--all-regions`
 * for a national partner; what a partner uploads never widens that.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      regions: { type: 'string' },
      'all-regions': { type: 'boolean' },
      'week-start': { type: 'string' },
      language: { type: 'string' },
      admin: { type: 'boolean' },
      cognito: { type: 'string' },
      'user-pool': { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const [action, ...rest] = positionals;
  const store = await openStore(values);
  const id = (): string => {
    if (rest.length !== 1) throw new InputError(`give one account id (see campaign partner list)\n\nUsage: ${USAGE}`);
    return rest[0]!;
  };
  try {
    switch (action) {
      case 'add': {
        if (rest.length === 0) throw new InputError(`give the organisation's name\n\nUsage: ${USAGE}`);
        const weekStart = values['week-start']?.toLowerCase();
        if (weekStart && !(WEEK_STARTS as readonly string[]).includes(weekStart)) throw new InputError(`--week-start: write a day such as monday or sunday`);
        if (values.language && !LANGUAGES[values.language]) throw new InputError(`--language: the portal speaks ${Object.keys(LANGUAGES).join(', ')}`);
        const { account, token } = await createAccount(store, rest.join(' '), {
          regions: values.regions ? values.regions.split(',') : [],
          allRegions: values['all-regions'] === true,
          role: values.admin ? 'admin' : 'partner',
          ...(weekStart ? { weekStart: weekStart as WeekStart } : {}),
          ...(values.language ? { language: values.language } : {}),
        });
        // On AWS: the Cognito user who signs in as this account (managed login e-mails the password).
        const cognito = values.cognito ? await (await import('./partner-cognito.ts')).addCognitoUser(store, values.cognito, values['user-pool'], account) : undefined;
        if (values.json) printJson({ id: account.id, token, ...(cognito ? { cognito } : {}) });
        else
          process.stdout.write(
            `Created ${account.role} account "${account.id}"${areaText(account)} in ${store.location}\n` +
              `Access token (shown only now; give it to them privately): ${token}\n` +
              (cognito ? `Cognito sign-in ${cognito.username} created: they get an e-mail with a temporary password.\n` : ''),
          );
        return EXIT.ok;
      }
      case 'list': {
        const accounts = await listAccounts(store);
        if (values.json)
          printJson(accounts.map((a) => ({ id: a.id, name: a.name, role: a.role, regions: a.regions, allRegions: a.allRegions, weekStart: a.weekStart, createdAt: a.createdAt, tokenIssuedAt: a.tokenIssuedAt ?? a.createdAt, ...(a.cognito ? { cognito: a.cognito } : {}) })));
        else if (accounts.length === 0) process.stdout.write(`No accounts in ${store.location}: add one with campaign partner add\n`);
        else
          process.stdout.write(
            accounts.map((a) => `${a.id.padEnd(28)} ${a.role.padEnd(8)} ${a.role === 'admin' ? '' : a.allRegions ? 'all regions' : a.regions.join(',')}  ${a.name}`).join('\n') + '\n',
          );
        return EXIT.ok;
      }
      case 'token': {
        const { account, token, cognito } = await withPool(values['user-pool'], await loadAccount(store, id()), (pool) => newCredential(store, id(), { cognito: pool }));
        if (values.json) printJson({ id: account.id, token, ...(cognito ? { cognito } : {}) });
        else
          process.stdout.write(
            `New access token for "${account.id}" (the old one no longer works; shown only now): ${token}\n` +
              (cognito?.users ?? []).map((u) => `Cognito sign-in ${u.email ?? u.username}: new temporary password ${u.temporaryPassword} (the old password and its sessions no longer work; a new password is set at the next sign-in)\n`).join('') +
              noUsers(cognito),
          );
        return EXIT.ok;
      }
      case 'remove': {
        const { account, cognito } = await withPool(values['user-pool'], await loadAccount(store, id()), (pool) => removeAccess(store, id(), { cognito: pool }));
        if (values.json) printJson({ id: account.id, removed: true, ...(cognito ? { cognito } : {}) });
        else
          process.stdout.write(
            `Removed account "${account.id}": it can no longer sign in. Its uploads and counts stay in the lake.\n` +
              (cognito?.users ?? []).map((u) => `Cognito sign-in ${u.email ?? u.username} disabled and signed out (kept in the pool; it can be enabled again).\n`).join('') +
              noUsers(cognito),
          );
        return EXIT.ok;
      }
      default:
        throw new InputError(`give add, list, token or remove\n\nUsage: ${USAGE}`);
    }
  } catch (e) {
    if (e instanceof AccountError) throw new InputError(e.message);
    throw e;
  }
}

/** Run with the account's Cognito pool (none locally); an AWS refusal says what was left unchanged. */
async function withPool<T>(flag: string | undefined, account: Awaited<ReturnType<typeof loadAccount>>, run: (pool: CognitoPool | undefined) => Promise<T>): Promise<T> {
  const { cognitoPoolFor } = await import('./partner-cognito.ts');
  const pool = cognitoPoolFor(flag, account);
  try {
    return await run(pool);
  } catch (e) {
    if (e instanceof AccountError || !pool) throw e;
    throw new InputError(`Cognito (pool ${pool.userPoolId}) refused: ${(e as Error).message}. The portal account was not changed; run the command again once that is fixed.`);
  } finally {
    pool?.client.destroy();
  }
}

function noUsers(c: CognitoChange | undefined): string {
  return c && c.users.length === 0 ? `No Cognito user of pool ${c.userPoolId} signs in as this account.\n` : '';
}

function areaText(a: { role: string; regions: string[]; allRegions: boolean }): string {
  if (a.role === 'admin') return '';
  return a.allRegions ? ' for all regions' : ` for ${a.regions.join(', ')}`;
}
