import { stat } from 'node:fs/promises';
import { uploadExport } from '../../shared/aws/s3-uploads.ts';
import { parseS3Url } from '../../shared/storage/s3-url.ts';
import { createS3Client } from '../../shared/storage/s3-object-store.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';
import { READ_OPTIONS } from '../read-options.ts';

export const USAGE =
  'campaign upload FILE... [--partner ID] [--format NAME] [--currency GBP] [--period YYYY-MM-DD..YYYY-MM-DD] [--bucket NAME | CAMPAIGN_STORE=s3://bucket/] [--json]';

/**
 * `campaign upload FILE...`: put exports into the stack's lake bucket under raw/, with the ingest
 * options as object metadata (x-amz-meta-currency, -period, -partner, -format). The ingest Lambda
 * picks each file up; a rejection's reasons land in quarantine/<key>.rejection.json.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...READ_OPTIONS, bucket: { type: 'string' } },
    USAGE,
  );
  if (positionals.length === 0) throw new InputError(`give at least one file\n\nUsage: ${USAGE}`);
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency)) throw new InputError(`--currency must be an ISO 4217 code such as GBP, got "${values.currency}"`);
  if (values.period !== undefined && !/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/.test(values.period))
    throw new InputError(`--period must be YYYY-MM-DD..YYYY-MM-DD, got "${values.period}"`);
  if (values.partner !== undefined && !/^[a-z0-9][a-z0-9-]{0,59}$/.test(values.partner)) throw new InputError(`--partner must be a partner id such as fenland-helpline, got "${values.partner}"`);
  const store = process.env.CAMPAIGN_STORE;
  const where = values.bucket ? { bucket: values.bucket, prefix: '' } : store?.startsWith('s3://') ? parseS3Url(store) : undefined;
  if (!where) throw new InputError('say which bucket: --bucket <LakeBucketName output of the stack>, or CAMPAIGN_STORE=s3://<bucket>/');
  if (!process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) throw new InputError('set AWS_REGION to the region of the stack');
  const client = createS3Client({ region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION, endpoint: process.env.CAMPAIGN_S3_ENDPOINT });
  const uploaded = [];
  try {
    for (const file of positionals) {
      if (!(await stat(file).then((s) => s.isFile()).catch(() => false))) throw new InputError(`cannot read ${file}: no such file`);
      const result = await uploadExport({ client, ...where }, file, { partnerId: values.partner, format: values.format, currency: values.currency, period: values.period });
      uploaded.push({ file, ...result });
      if (!values.json) process.stdout.write(`uploaded ${file} to s3://${result.bucket}/${result.key}${Object.keys(result.metadata).length ? ` (${Object.entries(result.metadata).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}\n`);
    }
  } finally {
    client.destroy();
  }
  if (values.json) printJson({ uploads: uploaded });
  else process.stdout.write('The ingest Lambda loads each file within a minute; a rejected file\'s reasons are in quarantine/<key>.rejection.json.\n');
  return EXIT.ok;
}
