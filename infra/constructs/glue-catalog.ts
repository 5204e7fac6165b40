import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tablePrefix } from '../../shared/lake/layout.ts';
import { storageName, type ColumnType, type TableDef } from '../../shared/lake/tables.ts';
import { loadView } from '../../shared/query/sql-files.ts';

/** Glue (Hive) type of each column type of shared/lake/tables.ts. */
export const GLUE_TYPES: Record<ColumnType, string> = {
  string: 'string',
  date: 'date',
  bigint: 'bigint',
  int: 'int',
  double: 'double',
};

/** First month partition projection enumerates (the oldest data the NGO may load). */
export const PROJECTION_START_MONTH = '2015-01';

/** Glue columns of a table, in the order of its definition. */
export function glueColumns(table: TableDef): glue.CfnTable.ColumnProperty[] {
  return table.columns.map((c) => ({ name: c.name, type: GLUE_TYPES[c.type], comment: c.comment }));
}

/**
 * Partition projection parameters: Athena computes partitions from the key layout
 * `curated/<table>/<key>=<value>/`, so no crawler or MSCK REPAIR is ever needed.
 * Month and year keys are enumerated from {@link PROJECTION_START_MONTH}; campaign ids cannot be
 * enumerated, so they are injected: queries on those tables must filter `campaign = ?`.
 */
export function projectionParameters(table: TableDef, tableLocation: string): Record<string, string> {
  const key = table.partitionKey.name;
  const byKind =
    table.partitionKey.kind === 'month'
      ? {
          [`projection.${key}.type`]: 'date',
          [`projection.${key}.format`]: 'yyyy-MM',
          [`projection.${key}.range`]: `${PROJECTION_START_MONTH},NOW`,
          [`projection.${key}.interval`]: '1',
          [`projection.${key}.interval.unit`]: 'MONTHS',
        }
      : table.partitionKey.kind === 'year'
        ? {
            [`projection.${key}.type`]: 'integer',
            [`projection.${key}.range`]: `${PROJECTION_START_MONTH.slice(0, 4)},2100`,
          }
        : table.partitionKey.kind === 'dataset'
          ? { [`projection.${key}.type`]: 'enum', [`projection.${key}.values`]: DATASET_VALUES }
          : { [`projection.${key}.type`]: 'injected' };
  return {
    'projection.enabled': 'true',
    ...byKind,
    'storage.location.template': `${tableLocation}${key}=\${${key}}/`,
  };
}

/** The tables an upload can belong to (partitions of upload_events). */
export const DATASET_VALUES = 'service_demand,ad_delivery';

/** Presto/Trino type of each column type, as a Glue view's definition states them. */
const PRESTO_TYPES: Record<ColumnType, string> = { string: 'varchar', date: 'date', bigint: 'bigint', int: 'integer', double: 'double' };

export interface ViewDef {
  name: string;
  comment: string;
  sql: string;
  columns: { name: string; type: ColumnType }[];
}

/**
 * The views queries read (queries/views/*.sql): `live_uploads`, then per append-only table the
 * newest live upload's row per period key, with the partition column so filters on it prune.
 */
export function lakeViews(tables: readonly TableDef[]): ViewDef[] {
  const live: ViewDef = {
    name: 'live_uploads',
    comment: 'Uploads whose rows are visible: committed and not withdrawn',
    sql: loadView('live_uploads'),
    columns: [
      { name: 'upload_id', type: 'string' },
      { name: 'dataset', type: 'string' },
    ],
  };
  return [
    live,
    ...tables
      .filter((t) => t.versioned)
      .map((t) => ({
        name: t.name,
        comment: `${t.comment}: the newest live upload's row per period key`,
        sql: loadView(t.name),
        columns: [...t.columns.map((c) => ({ name: c.name, type: c.type })), { name: t.partitionKey.name, type: 'string' as const }],
      })),
  ];
}

/**
 * A Glue table that Athena reads as a view: Athena stores views as VIRTUAL_VIEW tables whose
 * original text is `/* Presto View: <base64 of the definition> *\/`.
 */
export function prestoViewText(view: ViewDef, database: string): string {
  const definition = {
    originalSql: view.sql.replace(/--[^\n]*\n/g, '').trim(),
    catalog: 'awsdatacatalog',
    schema: database,
    columns: view.columns.map((c) => ({ name: c.name, type: PRESTO_TYPES[c.type] })),
  };
  return `/* Presto View: ${Buffer.from(JSON.stringify(definition)).toString('base64')} */`;
}

export interface GlueCatalogProps {
  lake: s3.IBucket;
  databaseName: string;
  tables: readonly TableDef[];
}

/** Glue database and one Parquet table per curated table definition. */
export class GlueCatalog extends Construct {
  readonly databaseName: string;
  readonly database: glue.CfnDatabase;
  readonly tables: glue.CfnTable[];
  readonly tableNames: string[];

  constructor(scope: Construct, id: string, props: GlueCatalogProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.databaseName = props.databaseName;
    const views = lakeViews(props.tables);
    this.tableNames = [...props.tables.map(storageName), ...views.map((v) => v.name)];
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: props.databaseName, description: 'Curated campaign analytics tables (hive-partitioned Parquet)' },
    });
    this.tables = props.tables.map((t) => {
      const location = `s3://${props.lake.bucketName}/${tablePrefix(t)}`;
      const table = new glue.CfnTable(this, `Table-${storageName(t)}`, {
        catalogId: account,
        databaseName: props.databaseName,
        tableInput: {
          name: storageName(t),
          description: t.comment,
          tableType: 'EXTERNAL_TABLE',
          parameters: { EXTERNAL: 'TRUE', classification: 'parquet', 'parquet.compression': 'SNAPPY', ...projectionParameters(t, location) },
          partitionKeys: [{ name: t.partitionKey.name, type: 'string', comment: t.partitionKey.comment }],
          storageDescriptor: {
            columns: glueColumns(t),
            location,
            inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
            serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
          },
        },
      });
      table.node.addDependency(this.database);
      return table;
    });
    for (const v of views) {
      const view = new glue.CfnTable(this, `View-${v.name}`, {
        catalogId: account,
        databaseName: props.databaseName,
        tableInput: {
          name: v.name,
          description: v.comment,
          tableType: 'VIRTUAL_VIEW',
          parameters: { presto_view: 'true', comment: 'Presto View' },
          viewOriginalText: prestoViewText(v, props.databaseName),
          viewExpandedText: '/* Presto View */',
          storageDescriptor: { columns: v.columns.map((c) => ({ name: c.name, type: GLUE_TYPES[c.type] })) },
        },
      });
      view.node.addDependency(...this.tables);
      this.tables.push(view);
    }
  }

  /** ARNs Athena needs to read the tables: catalog, database and each table. */
  arns(): string[] {
    const stack = Stack.of(this);
    const arn = (resource: string) => stack.formatArn({ service: 'glue', resource });
    return [arn('catalog'), arn(`database/${this.databaseName}`), ...this.tableNames.map((t) => arn(`table/${this.databaseName}/${t}`))];
  }
}
