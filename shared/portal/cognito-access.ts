/**
 * A portal account's Cognito sign-ins on AWS, when the account gets a new credential or is
 * removed. A new credential: a new temporary password (the old password stops working at once,
 * the next sign-in must set a new one) and every refresh token revoked. Removal: the user is
 * disabled (kept, so it can be enabled again and the pool still shows who had access) and signed
 * out everywhere. The partner's data is never touched.
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Account } from './accounts.ts';
import { PARTNER_ID_CLAIM } from './jwt-claims.ts';

/** Where an account's sign-ins live: the pool and its client. */
export interface CognitoPool {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
}

/**
 * A temporary password that meets the pool's policy (12+ characters with upper and lower case,
 * digits and symbols): 20 random characters plus one of each kind, shuffled.
 */
export function temporaryPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [...randomBytes(15).toString('base64url').replace(/[-_]/g, 'x'), pick('ABCDEFGHJKLMNPQRSTUVWXYZ'), pick('abcdefghijkmnopqrstuvwxyz'), pick('23456789'), pick('!#%+=?@')];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** One Cognito user of an account: its username (the sub, when e-mail is the sign-in name) and e-mail. */
export interface CognitoUser {
  username: string;
  email?: string;
}

/**
 * The Cognito users that sign in as this account: those recorded when they were made (`partner
 * add --cognito`), and for a partner every user whose custom:partner_id names it (users made in
 * the console). ListUsers cannot filter on custom attributes, so the pool is paged; a recorded
 * user deleted since is not there to change.
 */
export async function cognitoUsers(pool: CognitoPool, account: Account): Promise<CognitoUser[]> {
  const recorded = new Set(account.cognito?.userPoolId === pool.userPoolId ? account.cognito.usernames : []);
  const found: CognitoUser[] = [];
  let token: string | undefined;
  do {
    const page = await pool.client.send(new ListUsersCommand({ UserPoolId: pool.userPoolId, ...(token ? { PaginationToken: token } : {}) }));
    for (const u of page.Users ?? []) {
      if (!u.Username) continue;
      const mine = recorded.has(u.Username) || (account.role === 'partner' && attribute(u, PARTNER_ID_CLAIM) === account.id);
      const email = attribute(u, 'email');
      if (mine) found.push({ username: u.Username, ...(email ? { email } : {}) });
    }
    token = page.PaginationToken;
  } while (token);
  return found.sort((a, b) => (a.email ?? a.username).localeCompare(b.email ?? b.username));
}

function attribute(u: UserType, name: string): string | undefined {
  return u.Attributes?.find((a) => a.Name === name)?.Value;
}

/**
 * A new credential for each user: a new temporary password (returned once, to pass on privately)
 * and every session's refresh token revoked.
 */
export async function resetCognitoUsers(pool: CognitoPool, users: CognitoUser[]): Promise<(CognitoUser & { temporaryPassword: string })[]> {
  const out: (CognitoUser & { temporaryPassword: string })[] = [];
  for (const u of users) {
    const password = temporaryPassword();
    await pool.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.userPoolId, Username: u.username, Password: password, Permanent: false }));
    await pool.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.userPoolId, Username: u.username }));
    out.push({ ...u, temporaryPassword: password });
  }
  return out;
}

/** Disable each user and sign it out everywhere; the user itself is kept. */
export async function disableCognitoUsers(pool: CognitoPool, users: CognitoUser[]): Promise<CognitoUser[]> {
  for (const u of users) {
    await pool.client.send(new AdminDisableUserCommand({ UserPoolId: pool.userPoolId, Username: u.username }));
    await pool.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.userPoolId, Username: u.username }));
  }
  return users;
}
