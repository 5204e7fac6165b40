import { openStore } from '../../shared/config.ts';
import { compactLake } from '../../shared/pipeline/compact-lake.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign compact [--delete-after MINUTES] [--data DIR] [--json]';

/** `campaign compact`: merge each partition's small upload files into one (safe while others read). */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { 'delete-after': { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  // Merged files are deleted on a later run, once readers that listed them are done (default 15 minutes).
  const minutes = values['delete-after'] === undefined ? 15 : Number(values['delete-after']);
  if (!Number.isFinite(minutes) || minutes < 0) throw new InputError(`--delete-after takes minutes (0 or more), not "${values['delete-after']}"`);
  const results = await compactLake(await openStore(values), { deleteAfterMs: minutes * 60_000 });
  if (values.json) printJson({ tables: results });
  else
    for (const r of results)
      process.stdout.write(
        `${r.table}: ${r.filesMerged} files in ${r.partitions} partitions merged into ${r.filesWritten}; ${r.rowsKept} rows kept, ${r.rowsDropped} of withdrawn or unfinished uploads dropped${r.filesDeleted ? `; ${r.filesDeleted} files merged earlier deleted` : ''}\n`,
      );
  return EXIT.ok;
}
