import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GLUE_TYPES, lakeViews } from '../../infra/constructs/glue-catalog.ts';
import { storageName, TABLES } from '../../shared/lake/tables.ts';
import { listQueries, loadView } from '../../shared/query/sql-files.ts';
import { logicalId, synth, type Synthesised } from './support.ts';

let s: Synthesised;
let tables: Map<string, any>;
beforeAll(() => {
  s = synth(true);
  tables = new Map(Object.values(s.template.findResources('AWS::Glue::Table')).map((t: any) => [t.Properties.TableInput.Name, t.Properties]));
});

describe('Glue catalog', () => {
  it('has one database, one Parquet table per TABLES entry (append-only ones as <name>_versions) and the views queries read', () => {
    s.template.resourceCountIs('AWS::Glue::Database', 1);
    s.template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'campaign_analytics' } });
    const views = ['live_uploads', ...TABLES.filter((t) => t.versioned).map((t) => t.name)];
    expect([...tables.keys()].sort()).toEqual([...TABLES.map(storageName), ...views].sort());
  });

  it.each(lakeViews(TABLES).map((v) => [v.name, v] as const))('%s: an Athena view of queries/views/%s.sql with its columns', (name, v) => {
    const input = tables.get(name).TableInput;
    expect(input.TableType).toBe('VIRTUAL_VIEW');
    expect(input.ViewExpandedText).toBe('/* Presto View */');
    const m = /^\/\* Presto View: ([A-Za-z0-9+/=]+) \*\/$/.exec(input.ViewOriginalText)!;
    const definition = JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8'));
    expect(definition).toMatchObject({ catalog: 'awsdatacatalog', schema: 'campaign_analytics' });
    expect(definition.originalSql).toBe(loadView(name).replace(/--[^\n]*\n/g, '').trim());
    expect(definition.columns.map((c: any) => c.name)).toEqual(input.StorageDescriptor.Columns.map((c: any) => c.Name));
    expect(definition.columns.map((c: any) => c.name)).toEqual(v.columns.map((c) => c.name));
  });

  it.each(TABLES.map((t) => [t.name, t] as const))('%s: columns equal the TABLES definition (names, types, order)', (_, def) => {
    const sd = tables.get(storageName(def)).TableInput.StorageDescriptor;
    expect(sd.Columns.map((c: any) => [c.Name, c.Type])).toEqual(def.columns.map((c) => [c.name, GLUE_TYPES[c.type]]));
    expect(sd.Columns.map((c: any) => c.Type)).toEqual(def.columns.map((c) => c.type)); // the mapping is the identity
    expect(tables.get(storageName(def)).TableInput.PartitionKeys).toEqual([{ Name: def.partitionKey.name, Type: 'string', Comment: def.partitionKey.comment }]);
  });

  it.each(TABLES.map((t) => [t.name, t] as const))('%s: Parquet SerDe at s3://<lake>/curated/<table>/', (_, def) => {
    const input = tables.get(storageName(def)).TableInput;
    expect(input.TableType).toBe('EXTERNAL_TABLE');
    expect(input.StorageDescriptor).toMatchObject({
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      Location: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(s.stack.buckets.lake) }, `/curated/${storageName(def)}/`]] },
    });
  });

  it.each(TABLES.map((t) => [t.name, t] as const))('%s: partition projection parameters', (_, def) => {
    const p = tables.get(storageName(def)).TableInput.Parameters;
    const key = def.partitionKey.name;
    expect(p['projection.enabled']).toBe('true');
    expect(p['storage.location.template']).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalId(s.stack.buckets.lake) }, `/curated/${storageName(def)}/${key}=\${${key}}/`]],
    });
    if (def.partitionKey.kind === 'month') {
      expect(p).toMatchObject({
        [`projection.${key}.type`]: 'date',
        [`projection.${key}.format`]: 'yyyy-MM',
        [`projection.${key}.range`]: '2015-01,NOW',
        [`projection.${key}.interval`]: '1',
        [`projection.${key}.interval.unit`]: 'MONTHS',
      });
    } else if (def.partitionKey.kind === 'year') {
      expect(p).toMatchObject({ [`projection.${key}.type`]: 'integer', [`projection.${key}.range`]: '2015,2100' });
    } else if (def.partitionKey.kind === 'dataset') {
      expect(p).toMatchObject({ [`projection.${key}.type`]: 'enum', [`projection.${key}.values`]: 'service_demand,ad_delivery' });
    } else {
      expect(p[`projection.${key}.type`]).toBe('injected');
    }
  });
});

describe('Athena workgroup', () => {
  it('runs engine v3, enforces its configuration, limits bytes scanned and encrypts results into the results bucket', () => {
    s.template.resourceCountIs('AWS::Athena::WorkGroup', 1);
    s.template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'campaign-analytics',
      WorkGroupConfiguration: {
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(s.stack.buckets.results) }, '/athena/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      },
    });
  });

  it('publishes every queries/*.sql as a named query in the workgroup and database', () => {
    const names = listQueries();
    s.template.resourceCountIs('AWS::Athena::NamedQuery', names.length);
    for (const name of names)
      s.template.hasResourceProperties('AWS::Athena::NamedQuery', {
        Name: name,
        Database: 'campaign_analytics',
        WorkGroup: 'campaign-analytics',
        QueryString: Match.stringLikeRegexp('\\S'),
      });
  });
});
