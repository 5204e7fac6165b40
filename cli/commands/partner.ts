import { openStore } from '../../shared/config.ts';
import { AccountError, createAccount } from '../../shared/portal/accounts.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign partner add NAME [--regions CODES] [--admin] [--cognito EMAIL --user-pool ID] [--data DIR] [--json]';

/**
 * `campaign partner add NAME`: create a portal account and print its access token once (only a
 * hash is stored). `--regions GB-CAM,GB-LIN` limits the regions a partner may upload; `--admin`
 * makes an account for the campaigns team and comms (the report viewer).
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { regions: { type: 'string' }, admin: { type: 'boolean' }, cognito: { type: 'string' }, 'user-pool': { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const [action, ...names] = positionals;
  if (action !== 'add' || names.length === 0) throw new InputError(`give "add" and the organisation's name\n\nUsage: ${USAGE}`);
  if (values.admin && values.regions) throw new InputError('--regions is for partner accounts, not --admin');
  const store = await openStore(values);
  let created;
  try {
    created = await createAccount(store, names.join(' '), {
      regions: values.regions ? values.regions.split(',') : [],
      role: values.admin ? 'admin' : 'partner',
    });
  } catch (e) {
    if (e instanceof AccountError) throw new InputError(e.message);
    throw e;
  }
  const { account, token } = created;
  // On AWS: the Cognito user who signs in as this account (managed login e-mails the password).
  const cognito = values.cognito ? await (await import('./partner-cognito.ts')).addCognitoUser(values.cognito, values['user-pool'], account) : undefined;
  if (values.json) printJson({ id: account.id, token, ...(cognito ? { cognito } : {}) });
  else
    process.stdout.write(
      `Created ${account.role} account "${account.id}"${account.regions.length ? ` for ${account.regions.join(', ')}` : ''} in ${store.location}\n` +
        `Access token (shown only now; give it to them privately): ${token}\n` +
        (cognito ? `Cognito sign-in ${cognito.username} created: they get an e-mail with a temporary password.\n` : ''),
    );
  return EXIT.ok;
}
