import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synth, type Synthesised } from './support.ts';

let s: Synthesised;
beforeAll(() => {
  s = synth(true);
});

const bucket = (which: 'lake' | 'results' | 'accessLogs') => s.template.toJSON().Resources[logicalId(s.stack.buckets[which])].Properties;

describe('lake, results and access-log buckets', () => {
  it('are exactly three, each blocking all public access and encrypted at rest', () => {
    const buckets = s.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const b of Object.values(buckets) as any[]) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(b.Properties.OwnershipControls.Rules[0].ObjectOwnership).toBe('BucketOwnerEnforced');
      expect(b.DeletionPolicy).toBe('Retain');
    }
  });

  it('deny every request without TLS, in each bucket policy', () => {
    for (const which of ['lake', 'results', 'accessLogs'] as const) {
      s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(s.stack.buckets[which]) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('version the lake, and send its Object Created events to EventBridge', () => {
    expect(bucket('lake').VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket('lake').NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    // No notifications custom resource (and its wildcard-policy Lambda) is needed.
    expect(s.template.findResources('Custom::S3BucketNotifications')).toEqual({});
  });

  it('move noncurrent raw/ versions to Glacier and expire Athena results after 30 days', () => {
    const lakeRules = bucket('lake').LifecycleConfiguration.Rules;
    expect(lakeRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'raw/',
          Status: 'Enabled',
          NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
        }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
      ]),
    );
    expect(bucket('results').LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })]));
    expect(bucket('accessLogs').LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 365 })]));
  });

  it('log server access of the lake and results buckets into the access-log bucket, granted by bucket policy', () => {
    const logs = { Ref: logicalId(s.stack.buckets.accessLogs) };
    expect(bucket('lake').LoggingConfiguration).toEqual({ DestinationBucketName: logs, LogFilePrefix: 'lake/' });
    expect(bucket('results').LoggingConfiguration).toEqual({ DestinationBucketName: logs, LogFilePrefix: 'athena-results/' });
    expect(bucket('accessLogs').LoggingConfiguration).toBeUndefined();
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: logs,
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } })]),
      },
    });
  });
});
