import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PREFIX } from '../../shared/lake/layout.ts';
import { acknowledge } from '../nag.ts';

export interface LakeBucketsProps {
  /** Days before Athena query results are deleted. Default 30. */
  resultsExpireAfterDays?: number;
  /** Days before a replaced or deleted raw/ upload moves to Glacier. Default 30. */
  rawNoncurrentToGlacierAfterDays?: number;
  /** Days access logs are kept. Default 365. */
  accessLogsExpireAfterDays?: number;
}

/** Settings every bucket shares: private, TLS only, encrypted, owner-enforced objects. */
const SECURE = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  // SSE-S3: the only encryption S3 server access logging can deliver into, and enough for the lake.
  encryption: s3.BucketEncryption.S3_MANAGED,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  // Data outlives the stack: deleting the stack must never delete uploads or reports.
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps;

/**
 * The three buckets: the data lake (raw/, curated/, quarantine/, campaigns/, reports/), Athena's
 * query results, and the server access logs of both.
 */
export class LakeBuckets extends Construct {
  readonly lake: s3.Bucket;
  readonly results: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: LakeBucketsProps = {}) {
    super(scope, id);
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...SECURE,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogsExpireAfterDays ?? 365) }],
    });
    acknowledge(this.accessLogs, 'AwsSolutions-S1', 'This is the server access log bucket itself; logging it into itself would loop.');

    this.lake = new s3.Bucket(this, 'Lake', {
      ...SECURE,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'lake/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        {
          id: 'raw-noncurrent-to-glacier',
          prefix: PREFIX.raw,
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(props.rawNoncurrentToGlacierAfterDays ?? 30) },
          ],
        },
        // Raw partner uploads: kept a year (corrections, reprocessing), then only curated counts remain;
        // erased versions (a file uploaded by mistake) are gone for good 30 days later (README, Privacy).
        { id: 'raw-partners-retention', prefix: `${PREFIX.raw}partners/`, expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
        // curated/ is derived from raw/ and can be rebuilt: old versions need not be kept long.
        { id: 'curated-noncurrent-expire', prefix: PREFIX.curated, noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    // Object Created events go to EventBridge. Set on the CloudFormation bucket directly: the L2
    // `eventBridgeEnabled` adds a notifications custom-resource Lambda with a wildcard policy.
    (this.lake.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    this.results = new s3.Bucket(this, 'AthenaResults', {
      ...SECURE,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      lifecycleRules: [
        { id: 'expire-query-results', expiration: Duration.days(props.resultsExpireAfterDays ?? 30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }
}
