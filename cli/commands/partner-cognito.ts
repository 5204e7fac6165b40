import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Account } from '../../shared/portal/accounts.ts';
import { createCognitoUser } from '../../shared/portal/cognito-accounts.ts';
import { InputError } from '../io.ts';

/** `partner add ... --cognito EMAIL`: the Cognito user of the new account (pool: --user-pool or COGNITO_USER_POOL_ID). */
export async function addCognitoUser(email: string, pool: string | undefined, account: Account): Promise<{ username: string }> {
  const userPoolId = pool ?? process.env.COGNITO_USER_POOL_ID;
  if (!userPoolId) throw new InputError('--cognito needs the user pool: --user-pool <PortalUserPoolId output> (or COGNITO_USER_POOL_ID)');
  const region = process.env.AWS_REGION ?? userPoolId.split('_')[0];
  const client = new CognitoIdentityProviderClient({ region, endpoint: process.env.COGNITO_ENDPOINT });
  try {
    const admin = account.role === 'admin';
    return await createCognitoUser(client, userPoolId, { email, admin, ...(admin ? {} : { partnerId: account.id, regions: account.regions }) });
  } catch (e) {
    throw new InputError(`the portal account "${account.id}" was made, but not its Cognito user: ${(e as Error).message}`);
  } finally {
    client.destroy();
  }
}
