import { openStore } from '../../shared/config.ts';
import { reprocessAll, reprocessUpload, UploadNotFoundError } from '../../shared/pipeline/manage-uploads.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';
import { describeResult } from './ingest.ts';

export const USAGE = 'campaign reprocess (UPLOAD_ID | --all) [--data DIR] [--json]';

/**
 * `campaign reprocess ID|--all`: read raw uploads again as new versions (e.g. after adding a
 * region alias); each new version supersedes the upload it re-reads.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { all: { type: 'boolean' }, data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if ((positionals.length === 1) === Boolean(values.all)) throw new InputError(`give one upload id or --all\n\nUsage: ${USAGE}`);
  const store = await openStore(values);
  try {
    const results = values.all
      ? await reprocessAll(store, (r) => values.json || process.stdout.write(describeResult({ ...r, file: `${r.file} (reprocessed)` })))
      : [await reprocessUpload(store, positionals[0]!)];
    if (values.json) printJson({ files: results });
    else if (!values.all) process.stdout.write(describeResult(results[0]!));
    return results.some((r) => r.status === 'rejected') ? EXIT.rejected : EXIT.ok;
  } catch (e) {
    if (e instanceof UploadNotFoundError) throw new InputError(e.message);
    throw e;
  }
}
