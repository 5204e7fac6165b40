import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BUNDLED_TOWN_COUNTRIES, CLDR_LOCALES } from '../../shared/geo/geo-data.ts';
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** Root of the repository: bundles are built from here and queries/ is copied from here. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where queries/*.sql sit inside a bundle (Lambda unpacks the bundle to /var/task). */
export const BUNDLED_QUERIES_DIR = '/var/task/queries';

/** Where the place-name data sits inside a bundle (see shared/geo/geo-data.ts). */
export const BUNDLED_GEO_DIR = '/var/task/geo-data';

/** Copy the CLDR locales and the seed countries' town folders (not the whole 74 MB database). */
function geoDataCommands(outputDir: string): string[] {
  const require = createRequire(import.meta.url);
  const towns = path.join(path.dirname(require.resolve('@countrystatecity/countries')), 'data');
  const cldr = path.dirname(path.dirname(require.resolve('cldr-subdivisions-full/subdivisions/en/en.json')));
  return [
    `mkdir -p "${outputDir}/geo-data/cldr" "${outputDir}/geo-data/towns"`,
    ...CLDR_LOCALES.map((l) => `cp "${cldr}/${l}/${l}.json" "${outputDir}/geo-data/cldr/${l}.json"`),
    ...BUNDLED_TOWN_COUNTRIES.map((c) => `cp -R "${towns}/${c}" "${outputDir}/geo-data/towns/${c}"`),
  ];
}

/** Where templates/ (the partner CSV template) sits inside a bundle. */
export const BUNDLED_TEMPLATES_DIR = '/var/task/templates';

/**
 * Never bundled: DuckDB's native binary cannot be bundled by esbuild, and Lambdas run Athena.
 * The DuckDB adapter itself is external too: esbuild inlines a lazily `import()`ed local module
 * and hoists that module's `import ... from '@duckdb/node-api'` to the top of the bundle, where it
 * would fail at cold start (DuckDB is not installed in Lambda). Left external, the `import()`
 * stays lazy and is only reached with CAMPAIGN_ENGINE=duckdb, never set in Lambda. The DuckDB fast
 * path of ingest is external for the same reason: it is tried on local stores only, and where it
 * cannot load ingest reads with the JavaScript reader (its SQL, queries/ingest/, is left out too).
 */
export const EXTERNAL_MODULES = ['@duckdb/node-api', '@duckdb/*', '*/query/duckdb-engine.ts', '*/fast-ingest/fast-path.ts'];

/** ESM bundles still meet CommonJS dependencies that call require(): give them one. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Runtime of every Lambda. Local development stays on Node 20 (see README); the code runs on both. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface NodeFunctionProps {
  /** Entry file relative to the project root, e.g. functions/ingest/handler.ts */
  entry: string;
  description: string;
  environment: Record<string, string>;
  memorySize: number;
  timeout: Duration;
  /** /tmp size in MiB (Lambda's default: 512). */
  ephemeralStorageMiB?: number;
  /** Copy queries/ into the bundle and point CAMPAIGN_QUERIES_DIR at it. */
  withQueries?: boolean;
  /** Copy templates/ into the bundle and point CAMPAIGN_TEMPLATES_DIR at it. */
  withTemplates?: boolean;
  /** Copy the place-name data (CLDR names, the seed countries' towns) and point CAMPAIGN_GEO_DIR at it. */
  withGeoData?: boolean;
  /** Lambda's own retries and failure queue for asynchronous invocations (EventBridge targets). */
  asyncFailureQueue?: sqs.IQueue;
  /** Use a tiny inline handler instead of bundling (fast tests of the template only). */
  stubCode?: boolean;
}

/**
 * A Node.js 24 arm64 Lambda with the house defaults: ESM bundle built locally by esbuild (no
 * Docker), DuckDB kept out, its own role (no managed policies) and a log group with retention.
 */
export class NodeFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.entry}`,
    });
    // Instead of AWSLambdaBasicExecutionRole: write only to this function's own log group.
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    const environment = {
      ...props.environment,
      NODE_OPTIONS: '--enable-source-maps',
      ...(props.withQueries ? { CAMPAIGN_QUERIES_DIR: BUNDLED_QUERIES_DIR } : {}),
      ...(props.withGeoData ? { CAMPAIGN_GEO_DIR: BUNDLED_GEO_DIR } : {}),
      ...(props.withTemplates ? { CAMPAIGN_TEMPLATES_DIR: BUNDLED_TEMPLATES_DIR } : {}),
    };
    const common = {
      // The newest Lambda runtime aws-cdk-lib offers (nodejs20.x is deprecated; creation blocked from 2027-02-01).
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ...(props.ephemeralStorageMiB ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMiB) } : {}),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment,
      ...(props.asyncFailureQueue ? { deadLetterQueue: props.asyncFailureQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) } : {}),
    } satisfies Partial<lambda.FunctionProps>;
    this.fn = props.stubCode
      ? new lambda.Function(this, 'Function', { ...common, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: path.join(PROJECT_ROOT, props.entry),
          handler: 'handler',
          projectRoot: PROJECT_ROOT,
          depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
          bundling: {
            format: OutputFormat.ESM,
            // Syntax both Node 20 (local development, the bundle test) and the Lambda runtime run.
            target: 'node20',
            mainFields: ['module', 'main'],
            banner: ESM_REQUIRE_BANNER,
            minify: true,
            sourceMap: true,
            sourcesContent: false,
            // The AWS SDK is bundled (pinned versions) rather than taken from the runtime.
            externalModules: EXTERNAL_MODULES,
            forceDockerBundling: false,
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => [
                ...[...(props.withQueries ? ['queries'] : []), ...(props.withTemplates ? ['templates'] : [])].flatMap((dir) => [
                  `mkdir -p "${outputDir}/${dir}"`,
                  `cp -R "${inputDir}/${dir}/." "${outputDir}/${dir}/"`,
                ]),
                ...(props.withQueries ? [`rm -rf "${outputDir}/queries/ingest"`] : []),
                ...(props.withGeoData ? geoDataCommands(outputDir) : []),
              ],
            },
          },
        });
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (added by Lambda tracing).',
    );
  }
}
