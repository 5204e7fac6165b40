import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALIASES_KEY } from '../../shared/geo/region-resolver.ts';
import { PREFIX } from '../../shared/lake/layout.ts';
import { ACCOUNTS_PREFIX } from '../../shared/portal/accounts.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { grantPrefixes } from './lake-access.ts';
import { NodeFunction } from './node-function.ts';
import { S3ObjectCreatedRule } from './s3-object-rule.ts';

export interface IngestFunctionProps {
  lake: s3.IBucket;
  /** Environment shared by the data functions (store, engine, workgroup, database). */
  environment: Record<string, string>;
  stubCode?: boolean;
}

/**
 * Ingest: every object created under raw/ is parsed into curated/ Parquet (rejects to quarantine/).
 * Powertools idempotency on a DynamoDB table makes a redelivered event a no-op.
 */
export class IngestFunction extends Construct {
  readonly function: NodeFunction;
  readonly idempotencyTable: dynamodb.Table;
  readonly rule: S3ObjectCreatedRule;
  /** Uploads whose event could not be delivered or whose ingest failed every retry. */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    this.idempotencyTable = new dynamodb.Table(this, 'Idempotency', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Records are short-lived (TTL) and rebuilt on the next event: nothing to keep.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const dlq = (this.deadLetters = deadLetterQueue(this, 'DeadLetters'));
    this.function = new NodeFunction(this, 'Ingest', {
      entry: 'functions/ingest/handler.ts',
      description: 'raw/ upload -> curated/ Parquet + quarantine/',
      environment: { ...props.environment, IDEMPOTENCY_TABLE: this.idempotencyTable.tableName, POWERTOOLS_SERVICE_NAME: 'campaign-ingest' },
      memorySize: 2048,
      // The JavaScript reader stages an upload's Parquet files and period keys in /tmp until it
      // commits: about 22 bytes a row, plus 16 per stored row it may replace (measured: a 5M-row
      // re-export needs ~190 MB); the default 512 MB would stop near 12M rows, 2 GiB near 50M.
      ephemeralStorageMiB: 2048,
      timeout: Duration.minutes(10),
      withQueries: true,
      withGeoData: true,
      asyncFailureQueue: dlq,
      stubCode: props.stubCode,
    });
    // Reads the upload, the upload log and earlier versions' keys (to say what it replaces), the
    // region aliases and partner accounts (a partner's allowed regions); writes new files and one
    // commit (append-only: nothing is ever deleted or rewritten) and rejections.
    grantPrefixes(this.function.role, props.lake, {
      read: [PREFIX.raw, PREFIX.curated, ALIASES_KEY, ACCOUNTS_PREFIX],
      write: [PREFIX.curated, PREFIX.quarantine],
      listBucket: true,
    });
    // Exactly what Powertools idempotency calls, on this table only.
    this.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [this.idempotencyTable.tableArn],
      }),
    );
    this.rule = new S3ObjectCreatedRule(this, 'OnRawUpload', {
      bucket: props.lake,
      key: events.Match.prefix(PREFIX.raw),
      target: this.function.fn,
      deadLetterQueue: dlq,
      description: 'Object Created under raw/ -> ingest',
    });
  }
}
