/**
 * Portal sign-ins on AWS: the Cognito user of a partner or campaigns-team member. The user carries
 * `custom:partner_id` (the portal account it belongs to) and `custom:regions` (for the console;
 * the stored account record stays the rule the portal applies); campaigns-team members are put in
 * the campaigns-team group. Cognito e-mails the temporary password itself.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN_GROUP, PARTNER_ID_CLAIM } from './jwt-claims.ts';

/** Custom attribute listing a partner's regions (comma separated), beside custom:partner_id. */
export const REGIONS_CLAIM = 'custom:regions';

export interface CognitoUserInput {
  email: string;
  /** The portal account id of a partner (from `campaign partner add`). */
  partnerId?: string;
  regions?: string[];
  /** A campaigns-team member: joins the campaigns-team group. */
  admin?: boolean;
  /** Tests only: a known temporary password and no invitation e-mail. */
  temporaryPassword?: string;
}

/**
 * Create the user (Cognito e-mails a temporary password; the first sign-in sets a new one) and,
 * for the campaigns team, add it to the admin group.
 * @example await createCognitoUser(client, 'eu-west-2_AbC', { email: 'ana@fenland.org', partnerId: 'fenland-helpline', regions: ['GB-CAM'] })
 */
export async function createCognitoUser(client: CognitoIdentityProviderClient, userPoolId: string, u: CognitoUserInput): Promise<{ username: string; sub?: string }> {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(u.email)) throw new Error(`"${u.email}" is not an e-mail address`);
  if (!u.admin && !u.partnerId) throw new Error('a partner sign-in needs the partner account id');
  const attributes: AttributeType[] = [
    { Name: 'email', Value: u.email },
    { Name: 'email_verified', Value: 'true' },
    ...(u.partnerId ? [{ Name: PARTNER_ID_CLAIM, Value: u.partnerId }] : []),
    ...(u.regions?.length ? [{ Name: REGIONS_CLAIM, Value: u.regions.join(',') }] : []),
  ];
  const created = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: u.email,
      UserAttributes: attributes,
      DesiredDeliveryMediums: ['EMAIL'],
      ...(u.temporaryPassword ? { TemporaryPassword: u.temporaryPassword, MessageAction: 'SUPPRESS' as const } : {}),
    }),
  );
  const username = created.User?.Username ?? u.email;
  if (u.admin) await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: ADMIN_GROUP }));
  return { username, sub: created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value };
}
