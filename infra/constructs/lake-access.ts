import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge, iam5Resource } from '../nag.ts';

/** What a role may do in a bucket, by key prefix (`raw/`) or exact key. */
export interface PrefixAccess {
  /** Prefixes or exact keys (no trailing slash) the role may read. */
  read?: readonly string[];
  /** Prefixes the role may write (PutObject, multipart uploads). */
  write?: readonly string[];
  /** Prefixes the role may delete objects under. */
  delete?: readonly string[];
  /**
   * s3:ListBucket on the bucket. Needed whenever the code calls HeadObject on keys that may not
   * exist: without ListBucket, S3 answers 403 instead of 404 and the ObjectStore's `exists()`
   * cannot tell "missing" from "forbidden". It reveals key names, never contents.
   */
  listBucket?: boolean;
}

const isPrefix = (p: string) => p.endsWith('/');

/**
 * Grant object access under key prefixes only, with explicit actions (no `s3:*` / `s3:GetObject*`
 * wildcards). Keys under a prefix are created at run time, so each such ARN ends in `<prefix>*`:
 * those findings are acknowledged here, one per prefix, with the reason.
 */
export function grantPrefixes(role: iam.Role, bucket: s3.IBucket, access: PrefixAccess): void {
  const arn = (p: string) => bucket.arnForObjects(isPrefix(p) ? `${p}*` : p);
  const add = (actions: string[], keys: readonly string[] | undefined) => {
    if (keys?.length) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: keys.map(arn) }));
  };
  add(['s3:GetObject'], access.read);
  add(['s3:PutObject', 's3:AbortMultipartUpload'], access.write);
  add(['s3:DeleteObject'], access.delete);
  if (access.listBucket) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  const prefixes = new Set([...(access.read ?? []), ...(access.write ?? []), ...(access.delete ?? [])].filter(isPrefix));
  for (const p of prefixes)
    acknowledge(
      role,
      iam5Resource(role, arn(p)),
      `Objects under the ${p} prefix only: their keys are created at run time, so the ARN ends in a wildcard.`,
    );
}
