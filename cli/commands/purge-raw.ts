import { openStore } from '../../shared/config.ts';
import { todayIn } from '../../shared/domain/dates.ts';
import { eraseRawFile, purgeRaw } from '../../shared/pipeline/purge-raw.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign purge-raw (--older-than DAYS | --file RAW_KEY) [--dry-run] [--data DIR] [--json]';

/** `campaign purge-raw`: delete raw partner uploads past their retention, or one uploaded by mistake. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { 'older-than': { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' }, data: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const days = values['older-than'];
  if ((days === undefined) === (values.file === undefined)) throw new InputError(`give --older-than DAYS or --file RAW_KEY\n\nUsage: ${USAGE}`);
  if (days !== undefined && !/^\d+$/.test(days)) throw new InputError(`--older-than: "${days}" is not a whole number of days`);
  const store = await openStore(values);
  const dryRun = values['dry-run'] ?? false;
  let result;
  try {
    result = values.file ? await eraseRawFile(store, values.file, dryRun) : await purgeRaw(store, { olderThanDays: Number(days), today: todayIn('UTC'), dryRun });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (values.json) printJson({ ...result, dryRun });
  else {
    const verb = dryRun ? 'Would delete' : 'Deleted';
    process.stdout.write(`${verb} ${result.deleted.length} raw partner upload(s) and ${result.quarantine.length} quarantine file(s) in ${store.location}\n`);
    for (const k of [...result.deleted, ...result.quarantine]) process.stdout.write(`  ${k}\n`);
  }
  return EXIT.ok;
}
