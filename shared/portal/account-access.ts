/**
 * A new credential for an account, or its removal, everywhere it signs in: the portal token (and
 * the sessions made with it) and, on AWS, its Cognito users. The one use case behind `campaign
 * partner token|remove` and the admin page's buttons. The partner's uploads and counts stay.
 */
import type { ObjectStore } from '../storage/object-store.ts';
import { loadAccount, reissueToken, removeAccount, type Account } from './accounts.ts';
import type { CognitoPool, CognitoUser } from './cognito-access.ts';

/** The AWS SDK is loaded only when a pool is given: local commands start without it. */
const cognitoAccess = () => import('./cognito-access.ts');

/** What changed on Cognito, for the caller to say (and the temporary passwords, shown once). */
export interface CognitoChange {
  userPoolId: string;
  users: (CognitoUser & { temporaryPassword?: string })[];
}

/**
 * Issue a new portal token and, with a pool, a new temporary password for each Cognito user of
 * the account (old password and refresh tokens revoked).
 */
export async function newCredential(store: ObjectStore, id: string, opts: { now?: Date; cognito?: CognitoPool } = {}): Promise<{ account: Account; token: string; cognito?: CognitoChange }> {
  const pool = opts.cognito;
  // Cognito first: if AWS refuses, the portal token is left as it was and the command can be run again.
  const before = await loadAccount(store, id);
  let users: CognitoChange['users'] | undefined;
  if (pool && before) {
    const c = await cognitoAccess();
    users = await c.resetCognitoUsers(pool, await c.cognitoUsers(pool, before));
  }
  const { account, token } = await reissueToken(store, id, opts.now);
  return { account, token, ...(pool && users ? { cognito: { userPoolId: pool.userPoolId, users } } : {}) };
}

/** Remove the account and, with a pool, disable its Cognito users and sign them out. */
export async function removeAccess(store: ObjectStore, id: string, opts: { now?: Date; cognito?: CognitoPool } = {}): Promise<{ account: Account; cognito?: CognitoChange }> {
  const pool = opts.cognito;
  const before = await loadAccount(store, id);
  let disabled: CognitoUser[] | undefined;
  if (pool && before) {
    const c = await cognitoAccess();
    disabled = await c.disableCognitoUsers(pool, await c.cognitoUsers(pool, before));
  }
  const account = await removeAccount(store, id, opts.now);
  return { account, ...(pool && disabled ? { cognito: { userPoolId: pool.userPoolId, users: disabled } } : {}) };
}
