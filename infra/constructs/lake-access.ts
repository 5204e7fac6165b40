import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge, iam5Resource } from '../nag.ts';

/** Which key prefixes of a bucket a role may read, write and list. */
export interface PrefixAccess {
  read?: readonly string[];
  write?: readonly string[];
  /** Prefixes the role may list (ListObjectsV2 with a Prefix under one of them). */
  list?: readonly string[];
}

/**
 * Grant object access under key prefixes only, with explicit actions (no `s3:*` / `s3:GetObject*`
 * wildcards). Object keys are created at run time, so each object ARN ends in `<prefix>*`:
 * those findings are acknowledged here, one per prefix, with the reason.
 */
export function grantPrefixes(role: iam.Role, bucket: s3.IBucket, access: PrefixAccess): void {
  const objects = (prefixes: readonly string[]) => prefixes.map((p) => bucket.arnForObjects(`${p}*`));
  const add = (statement: iam.PolicyStatement) => role.addToPrincipalPolicy(statement);
  if (access.read?.length) add(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objects(access.read) }));
  if (access.write?.length)
    add(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: objects(access.write) }));
  if (access.list?.length)
    add(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': access.list.map((p) => `${p}*`) } },
      }),
    );
  const prefixes = new Set([...(access.read ?? []), ...(access.write ?? [])]);
  for (const p of prefixes)
    acknowledge(
      role,
      iam5Resource(bucket, 'Arn', `/${p}*`),
      `Objects under the ${p} prefix only: their keys are created at run time, so the ARN ends in a wildcard.`,
    );
}
