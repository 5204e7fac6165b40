import { openStore } from '../../shared/config.ts';
import { compactLake } from '../../shared/pipeline/compact-lake.ts';
import { EXIT, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign compact [--data DIR] [--json]';

/** `campaign compact`: merge each partition's small upload files into one (safe while others read). */
export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const results = await compactLake(await openStore(values));
  if (values.json) printJson({ tables: results });
  else
    for (const r of results)
      process.stdout.write(
        `${r.table}: ${r.filesMerged} files in ${r.partitions} partitions merged into ${r.filesWritten}; ${r.rowsKept} rows kept, ${r.rowsDropped} of withdrawn or unfinished uploads dropped${r.filesDeleted ? `; ${r.filesDeleted} files merged earlier deleted` : ''}\n`,
      );
  return EXIT.ok;
}
