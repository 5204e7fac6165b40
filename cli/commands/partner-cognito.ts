import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { ObjectStore } from '../../shared/storage/object-store.ts';
import { linkCognitoUser, type Account } from '../../shared/portal/accounts.ts';
import { createCognitoUser } from '../../shared/portal/cognito-accounts.ts';
import type { CognitoPool } from '../../shared/portal/cognito-access.ts';
import { InputError } from '../io.ts';

function client(userPoolId: string): CognitoIdentityProviderClient {
  const region = process.env.AWS_REGION ?? userPoolId.split('_')[0];
  return new CognitoIdentityProviderClient({ region, endpoint: process.env.COGNITO_ENDPOINT });
}

/** `partner add ... --cognito EMAIL`: the Cognito user of the new account (pool: --user-pool or COGNITO_USER_POOL_ID), recorded on the account. */
export async function addCognitoUser(store: ObjectStore, email: string, pool: string | undefined, account: Account): Promise<{ username: string }> {
  const userPoolId = pool ?? process.env.COGNITO_USER_POOL_ID;
  if (!userPoolId) throw new InputError('--cognito needs the user pool: --user-pool <PortalUserPoolId output> (or COGNITO_USER_POOL_ID)');
  const c = client(userPoolId);
  try {
    const admin = account.role === 'admin';
    const user = await createCognitoUser(c, userPoolId, { email, admin, ...(admin ? {} : { partnerId: account.id, regions: account.regions }) });
    await linkCognitoUser(store, account.id, userPoolId, user.username);
    return user;
  } catch (e) {
    throw new InputError(`the portal account "${account.id}" was made, but not its Cognito user: ${(e as Error).message}`);
  } finally {
    c.destroy();
  }
}

/**
 * The Cognito pool `partner token|remove` reaches: --user-pool, else COGNITO_USER_POOL_ID, else
 * the pool the account's users were made in; none for a local lake.
 */
export function cognitoPoolFor(flag: string | undefined, account: Account | undefined): CognitoPool | undefined {
  const userPoolId = flag ?? process.env.COGNITO_USER_POOL_ID ?? account?.cognito?.userPoolId;
  return userPoolId ? { userPoolId, client: client(userPoolId) } : undefined;
}
