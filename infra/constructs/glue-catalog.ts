import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tablePrefix } from '../../shared/lake/layout.ts';
import type { ColumnType, TableDef } from '../../shared/lake/tables.ts';

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
        : { [`projection.${key}.type`]: 'injected' };
  return {
    'projection.enabled': 'true',
    ...byKind,
    'storage.location.template': `${tableLocation}${key}=\${${key}}/`,
  };
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
    this.tableNames = props.tables.map((t) => t.name);
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: props.databaseName, description: 'Curated campaign analytics tables (hive-partitioned Parquet)' },
    });
    this.tables = props.tables.map((t) => {
      const location = `s3://${props.lake.bucketName}/${tablePrefix(t)}`;
      const table = new glue.CfnTable(this, `Table-${t.name}`, {
        catalogId: account,
        databaseName: props.databaseName,
        tableInput: {
          name: t.name,
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
  }

  /** ARNs Athena needs to read the tables: catalog, database and each table. */
  arns(): string[] {
    const stack = Stack.of(this);
    const arn = (resource: string) => stack.formatArn({ service: 'glue', resource });
    return [arn('catalog'), arn(`database/${this.databaseName}`), ...this.tableNames.map((t) => arn(`table/${this.databaseName}/${t}`))];
  }
}
