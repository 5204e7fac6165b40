import { openStore } from '../../shared/config.ts';
import { listUploads, type UploadSummary } from '../../shared/pipeline/manage-uploads.ts';
import { EXIT, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign uploads [--partner ID] [--data DIR] [--json]';

/** `campaign uploads`: every upload, newest first, with what it replaced and its status. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { partner: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const uploads = await listUploads(await openStore(values), values.partner ? { owner: values.partner } : {});
  if (values.json) printJson({ uploads });
  else if (uploads.length === 0) process.stdout.write('no uploads yet\n');
  else for (const u of uploads) process.stdout.write(describeUpload(u));
  return EXIT.ok;
}

function describeUpload(u: UploadSummary): string {
  const when = u.at.slice(0, 16).replace('T', ' ');
  const what = u.status === 'rejected' ? `rejected: ${u.reason ?? ''}` : `${u.rows.toLocaleString('en-GB')} rows${u.periods ? `, ${u.periods.replace('..', ' to ')}` : ''}${u.replaced ? `, replaced ${u.replaced} earlier` : ''}`;
  const status = u.status === 'withdrawn' ? ` [withdrawn: ${u.reason}]` : '';
  return `${u.uploadId}  ${when}  ${u.owner}  ${u.file ?? u.rawKey}  ${what}${status}\n`;
}
