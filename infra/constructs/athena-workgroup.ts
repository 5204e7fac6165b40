import { Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Athena's current engine (Trino based): the dialect queries/*.sql is written in. */
export const ATHENA_ENGINE_V3 = 'Athena engine version 3';

/** Prefix of query results in the results bucket. */
export const RESULTS_PREFIX = 'athena/';

/** One SQL file of queries/, published as a saved query. */
export interface NamedQuerySource {
  name: string;
  sql: string;
}

export interface AthenaWorkgroupProps {
  name: string;
  results: s3.IBucket;
  databaseName: string;
  /** Per-query scan limit, bytes. Default 10 GiB: a runaway query on a small NGO budget stops early. */
  bytesScannedCutoffPerQuery?: number;
  /** queries/*.sql, published as named queries so analysts can run them from the console. */
  queries: NamedQuerySource[];
}

/** Athena workgroup with enforced settings, encrypted results, and the project's named queries. */
export class AthenaWorkgroup extends Construct {
  readonly workgroup: athena.CfnWorkGroup;
  readonly name: string;

  constructor(scope: Construct, id: string, props: AthenaWorkgroupProps) {
    super(scope, id);
    this.name = props.name;
    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.name,
      description: 'Campaign analytics queries over the curated lake',
      state: 'ENABLED',
      // Lets `cdk destroy` remove the workgroup even when it has saved queries and history.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        // Clients cannot override the result location, encryption or scan limit.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE_V3 },
        resultConfiguration: {
          outputLocation: `s3://${props.results.bucketName}/${RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: Stack.of(this).account,
        },
      },
    });
    for (const q of props.queries) {
      const named = new athena.CfnNamedQuery(this, `Query-${q.name}`, {
        name: q.name,
        description: `queries/${q.name}.sql (positional ? parameters)`,
        database: props.databaseName,
        workGroup: props.name,
        queryString: q.sql,
      });
      named.node.addDependency(this.workgroup);
    }
  }

  /** ARN of the workgroup, for IAM. */
  get arn(): string {
    return Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.name });
  }
}
