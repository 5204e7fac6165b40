import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, NodeFunction, PROJECT_ROOT } from '../../infra/constructs/node-function.ts';
import { CampaignAnalyticsStack } from '../../infra/stack.ts';
import { withoutPartnerColumn } from '../../shared/portal/template.ts';
import { listQueries } from '../../shared/query/sql-files.ts';
import { writeMetaExport } from '../../bench/generate.ts';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { AD_DELIVERY } from '../../shared/lake/tables.ts';
import { readUploadLog } from '../../shared/lake/uploads.ts';
import { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { createS3Client, S3ObjectStore } from '../../shared/storage/s3-object-store.ts';
import type { ObjectStore } from '../../shared/storage/object-store.ts';
import { objectCreated } from '../support/s3-events.ts';
import { S3RVER_CREDENTIALS, startS3rver } from '../support/s3rver.ts';

/** Files of a folder, recursively, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Asset folder of each Lambda function of a synthesised stack, by POWERTOOLS_SERVICE_NAME or logical id. */
function lambdaAssets(app: App, stack: Stack): Map<string, string> {
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template;
  const out = new Map<string, string>();
  for (const [id, r] of Object.entries<any>(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const hash = String(r.Properties.Code.S3Key).replace(/\.zip$/, '');
    out.set(r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME ?? id, path.join(assembly.directory, `asset.${hash}`));
  }
  return out;
}

/** What esbuild would have pulled in had DuckDB been bundled: its classes, its native addon. */
function assertNoDuckDb(dir: string): void {
  expect(files(dir).filter((f) => f.endsWith('.node') || f.includes('node_modules'))).toEqual([]);
  const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
  expect(code).not.toMatch(/class \w*DuckDBInstance|duckdb\.node|node-bindings-linux/);
}

/**
 * Import a bundle with Node outside the repository (no node_modules anywhere above it, as in
 * Lambda): a static import of DuckDB, or of anything else not bundled, fails here.
 */
function loadsStandalone(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  try {
    cpSync(dir, copy, { recursive: true });
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-2',
      SCHEDULE_GROUP: 'g',
      ANALYSE_FUNCTION_ARN: 'arn:aws:lambda:eu-west-2:111111111111:function:a',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::111111111111:role/s',
      SCHEDULE_DLQ_ARN: 'arn:aws:sqs:eu-west-2:111111111111:q',
    };
    const script = `const m = await import(${JSON.stringify(path.join(copy, 'index.mjs'))}); console.log(typeof m.handler);`;
    return execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: copy, encoding: 'utf8' }).trim();
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe('Lambda bundles (real esbuild bundling, no Docker)', () => {
  let assets: Map<string, string>;
  beforeAll(() => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new CampaignAnalyticsStack(app, 'Bundled', { stubCode: false });
    // The same registration as infra/app.ts: synthesis must pass the AwsSolutions checks.
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    assets = lambdaAssets(app, stack);
  }, 180_000);

  it('builds one ESM bundle per function, opening with the createRequire banner', () => {
    expect([...assets.keys()].sort()).toEqual(['campaign-analyse', 'campaign-ingest', 'campaign-portal', 'campaign-schedules']);
    for (const dir of assets.values()) {
      expect(existsSync(path.join(dir, 'index.mjs'))).toBe(true);
      expect(readFileSync(path.join(dir, 'index.mjs'), 'utf8').startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    }
  });

  it('keeps DuckDB (native binary) out of every bundle', () => {
    for (const dir of assets.values()) assertNoDuckDb(dir);
  });

  it('each bundle loads and exports a handler with no node_modules around (no DuckDB installed)', () => {
    for (const dir of assets.values()) expect(loadsStandalone(dir)).toBe('function');
  });

  it('copies queries/*.sql and queries/views/ into the ingest and analyse bundles', () => {
    const sql = [...listQueries().map((q) => `${q}.sql`), 'views'].sort();
    for (const fn of ['campaign-ingest', 'campaign-analyse']) {
      const dir = path.join(assets.get(fn)!, 'queries');
      expect(existsSync(dir) ? readdirSync(dir).sort() : []).toEqual(sql);
    }
    expect(existsSync(path.join(assets.get('campaign-schedules')!, 'queries'))).toBe(false);
  });

  it('copies templates/service-demand.csv into the portal bundle only', () => {
    const csv = path.join(assets.get('campaign-portal')!, 'templates', 'service-demand.csv');
    expect(readFileSync(csv, 'utf8')).toBe(readFileSync(path.join(PROJECT_ROOT, 'templates', 'service-demand.csv'), 'utf8'));
    expect(existsSync(path.join(assets.get('campaign-portal')!, 'queries'))).toBe(false);
    for (const fn of ['campaign-ingest', 'campaign-analyse', 'campaign-schedules']) expect(existsSync(path.join(assets.get(fn)!, 'templates')), fn).toBe(false);
  });

  it('the ingest bundle carries the place names it needs: a Meta export by Lithuanian county ingests with no node_modules', () => {
    // Prepare: the bundle outside the repository, a lake folder with one raw export in it.
    const copy = mkdtempSync(path.join(tmpdir(), 'ingest-bundle-'));
    const lake = mkdtempSync(path.join(tmpdir(), 'ingest-lake-'));
    try {
      cpSync(assets.get('campaign-ingest')!, copy, { recursive: true });
      expect(existsSync(path.join(copy, 'geo-data', 'towns', 'United_Kingdom-GB', 'states.json'))).toBe(true);
      const key = 'raw/ads/team/2026-03-30/meta-lt.csv';
      mkdirSync(path.join(lake, path.dirname(key)), { recursive: true });
      writeFileSync(
        path.join(lake, key),
        'Reporting starts,Reporting ends,Campaign name,Ad set name,Region,Impressions,Amount spent (EUR)\n2026-03-02,2026-03-02,LT awareness,Video,Kaunas County,1000,5.10\n2026-03-02,2026-03-02,LT awareness,Video,Utena County,800,4.00\n',
      );
      const event = { version: '0', id: '1', 'detail-type': 'Object Created', source: 'aws.s3', account: '111122223333', time: '2026-03-30T08:15:00Z', region: 'eu-west-2', resources: [], detail: { version: '0', bucket: { name: 'lake' }, object: { key, size: 1, etag: 'e', sequencer: '1' }, 'request-id': 'r', requester: '1', 'source-ip-address': '1.2.3.4', reason: 'PutObject' } };
      const script = `const m = await import(${JSON.stringify(path.join(copy, 'index.mjs'))}); console.log(JSON.stringify(await m.handler(${JSON.stringify(event)}, {})));`;
      // Act: CAMPAIGN_GEO_DIR as the stack sets it, pointing into the bundle.
      const env = { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', CAMPAIGN_STORE: lake, CAMPAIGN_GEO_DIR: path.join(copy, 'geo-data'), CAMPAIGN_QUERIES_DIR: path.join(copy, 'queries'), POWERTOOLS_LOG_LEVEL: 'SILENT' };
      const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: copy, encoding: 'utf8' }).trim().split('\n').at(-1)!);
      // Assess: both counties resolved (CLDR's English names), nothing rejected.
      expect(out).toMatchObject({ status: 'accepted', rows: 2, errors: 0 });
    } finally {
      rmSync(copy, { recursive: true, force: true });
      rmSync(lake, { recursive: true, force: true });
    }
  });

  describe('the ingest bundle, standalone, with a Meta export above the fast-path threshold (256 KB): the JavaScript path, no DuckDB', () => {
    const key = 'raw/ads/team/2026-03-30/meta-large.csv';
    let csv: string;
    let impressions = 0;
    beforeAll(async () => {
      // 5 days x 2 campaigns x 4 ad sets x 250 regions = 10,000 rows, about 860 KB.
      csv = path.join(mkdtempSync(path.join(tmpdir(), 'ingest-large-')), 'meta.csv');
      await writeMetaExport(csv, 5, 250);
      for (const line of readFileSync(csv, 'utf8').trim().split('\n').slice(1)) impressions += Number(line.split(',')[5]);
    });

    /** Run the bundle's handler on an Object Created event, in its own process with its own TMPDIR; its staging folder must be gone after. */
    async function ingestWithBundle(store: ObjectStore, env: Record<string, string>): Promise<unknown> {
      const copy = mkdtempSync(path.join(tmpdir(), 'ingest-bundle-'));
      const tmp = mkdtempSync(path.join(tmpdir(), 'ingest-tmp-'));
      try {
        cpSync(assets.get('campaign-ingest')!, copy, { recursive: true });
        assertNoDuckDb(copy);
        await store.put(key, readFileSync(csv));
        const script = `const m = await import(${JSON.stringify(path.join(copy, 'index.mjs'))}); console.log(JSON.stringify(await m.handler(${JSON.stringify(objectCreated(key))}, {})));`;
        const base = { PATH: process.env.PATH!, AWS_REGION: 'eu-west-2', TMPDIR: tmp, CAMPAIGN_GEO_DIR: path.join(copy, 'geo-data'), CAMPAIGN_QUERIES_DIR: path.join(copy, 'queries'), POWERTOOLS_LOG_LEVEL: 'SILENT' };
        const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...base, ...env }, cwd: copy, encoding: 'utf8' });
        expect(readdirSync(tmp)).toEqual([]);
        return JSON.parse(stdout.trim().split('\n').at(-1)!);
      } finally {
        rmSync(copy, { recursive: true, force: true });
        rmSync(tmp, { recursive: true, force: true });
      }
    }

    /** Every row is in the lake once, with the file's impressions, under one commit. */
    async function assessLake(store: ObjectStore): Promise<void> {
      const rows = await readCurrentRows(store, AD_DELIVERY);
      expect(rows.length).toBe(10_000);
      expect(rows.reduce((s, r) => s + (r.impressions as number), 0)).toBe(impressions);
      expect((await readUploadLog(store, 'ad_delivery')).map((e) => [e.event, e.rows])).toEqual([['commit', 10_000]]);
    }

    it('on a local store (where the CLI would use DuckDB): the fast path is declined, the reader loads it all', async () => {
      expect(statSync(csv).size).toBeGreaterThan(256 * 1024);
      const lake = mkdtempSync(path.join(tmpdir(), 'ingest-lake-'));
      try {
        const store = new LocalFolderStore(lake);
        const out = await ingestWithBundle(store, { CAMPAIGN_STORE: lake });
        expect(out).toMatchObject({ status: 'accepted', rows: 10_000, errors: 0 });
        await assessLake(store);
      } finally {
        rmSync(lake, { recursive: true, force: true });
      }
    }, 60_000);

    it('on S3 (s3rver on 127.0.0.1), as in Lambda: data files streamed up from staging, then the commit', async () => {
      const server = await startS3rver('campaign-lake');
      const client = createS3Client({ endpoint: server.endpoint, region: 'eu-west-2', credentials: S3RVER_CREDENTIALS });
      try {
        const store = new S3ObjectStore({ bucket: server.bucket, client });
        const env = { CAMPAIGN_STORE: `s3://${server.bucket}`, CAMPAIGN_S3_ENDPOINT: server.endpoint, AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey };
        const out = await ingestWithBundle(store, env);
        expect(out).toMatchObject({ status: 'accepted', rows: 10_000, errors: 0 });
        await assessLake(store);
      } finally {
        client.destroy();
        await server.stop();
      }
    }, 60_000);
  });

  it('the portal bundle serves the template from its own templates/ and answers 401 on /api without claims', () => {
    // Act: run the bundle outside the repository as Lambda would, with an HTTP API (2.0) event.
    const copy = mkdtempSync(path.join(tmpdir(), 'portal-bundle-'));
    try {
      cpSync(assets.get('campaign-portal')!, copy, { recursive: true });
      const event = (rawPath: string) => ({
        version: '2.0',
        routeKey: `GET ${rawPath}`,
        rawPath,
        rawQueryString: '',
        headers: { host: 'a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com' },
        requestContext: { http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' }, stage: '$default' },
        isBase64Encoded: false,
      });
      const script = `const { handler } = await import(${JSON.stringify(path.join(copy, 'index.mjs'))});
        const out = [];
        for (const e of ${JSON.stringify([event('/templates/service-demand.csv'), event('/api/uploads')])}) { const r = await handler(e, {}); out.push({ status: r.statusCode, body: r.body }); }
        console.log(JSON.stringify(out));`;
      const env = { PATH: process.env.PATH, AWS_REGION: 'eu-west-2', CAMPAIGN_STORE: path.join(copy, 'lake'), CAMPAIGN_TEMPLATES_DIR: path.join(copy, 'templates') };
      const [csv, api] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: copy, encoding: 'utf8' }).trim()) as { status: number; body: string }[];
      // Assess: the template without its partner column, and the JWT mode's refusal.
      expect(csv!.status).toBe(200);
      expect(csv!.body).toBe(withoutPartnerColumn(readFileSync(path.join(PROJECT_ROOT, 'templates', 'service-demand.csv'), 'utf8')));
      expect(api!.status).toBe(401);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('a handler that opens DuckDB lazily, as shared/config.ts does', () => {
  it('bundles without DuckDB and still loads where DuckDB is not installed', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'DuckDbFixture');
    new NodeFunction(stack, 'Fixture', {
      entry: 'tests/infra/fixtures/lazy-duckdb.ts',
      description: 'fixture',
      environment: { POWERTOOLS_SERVICE_NAME: 'fixture' },
      memorySize: 128,
      timeout: Duration.seconds(3),
    });
    const dir = lambdaAssets(app, stack).get('fixture')!;
    assertNoDuckDb(dir);
    expect(readFileSync(path.join(dir, 'index.mjs'), 'utf8')).not.toMatch(/from\s*"@duckdb\/node-api"/);
    expect(loadsStandalone(dir)).toBe('function');
  }, 120_000);
});
