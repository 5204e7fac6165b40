import { openStore } from '../../shared/config.ts';
import { UploadNotFoundError, withdrawUpload } from '../../shared/pipeline/manage-uploads.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign withdraw UPLOAD_ID [--data DIR] [--json]';

/** `campaign withdraw ID`: hide an upload's rows everywhere; earlier counts of the same periods come back. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (positionals.length !== 1) throw new InputError(`give one upload id (\`campaign uploads\` lists them)\n\nUsage: ${USAGE}`);
  try {
    const effect = await withdrawUpload(await openStore(values), positionals[0]!, { by: 'the campaigns team (CLI)' });
    if (values.json) printJson(effect);
    else
      process.stdout.write(
        `withdrew ${effect.uploadId} (${effect.file ?? 'upload'}): ${effect.rows} counts removed; ${effect.restored} of them have an earlier count that applies again, ${effect.removed} now have none\n`,
      );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UploadNotFoundError) throw new InputError(e.message);
    throw e;
  }
}
