import { stat } from 'node:fs/promises';
import { openStore } from '../../shared/config.ts';
import { ingestLocalFile, summarise, type FileIngestResult } from '../../shared/pipeline/ingest-file.ts';
import { EXIT, InputError, parseCommandArgs, printJson, progress, progressDone } from '../io.ts';
import { READ_OPTIONS } from '../read-options.ts';
import { en, type Messages } from '../../shared/i18n/en.ts';
import { LANGUAGES } from '../../shared/i18n/index.ts';
import { reasonIn } from '../../shared/sources/reasons.ts';

export const USAGE =
  'campaign ingest FILE... [--partner ID] [--format NAME] [--currency GBP] [--period YYYY-MM-DD..YYYY-MM-DD] [--sheet NAME] [--lang en|lt|it] [--data DIR] [--json]';

/**
 * `campaign ingest FILE...`: keep each file as received under raw/, then ingest it. A file with
 * any bad row is rejected whole; every bad row is listed. Exit 2 when any file is rejected.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    // sheet: an Excel workbook's sheet to read (default: the first).
    // lang: the language of a partner file's row reasons (the rest of the output stays English).
    { ...READ_OPTIONS, sheet: { type: 'string' }, lang: { type: 'string' }, data: { type: 'string' } },
    USAGE,
  );
  if (positionals.length === 0) throw new InputError(`give at least one file\n\nUsage: ${USAGE}`);
  if (values.lang !== undefined && !LANGUAGES[values.lang]) throw new InputError(`--lang: the reasons are written in ${Object.keys(LANGUAGES).join(', ')}`);
  const t = LANGUAGES[values.lang ?? 'en']!;
  const store = await openStore(values);
  const results = [];
  for (const file of positionals) {
    if (!(await stat(file).then((s) => s.isFile()).catch(() => false))) throw new InputError(`cannot read ${file}: no such file`);
    const result = await ingestLocalFile(store, file, {
      format: values.format,
      partnerId: values.partner,
      currency: values.currency,
      period: values.period,
      sheet: values.sheet,
      displayName: file,
      onProgress: (rows) => progress(`${file}: ${rows.toLocaleString('en-GB')} rows`),
    });
    progressDone();
    results.push(result);
  }
  const summary = summarise(results);
  if (values.json) printJson(summary);
  else for (const f of results) process.stdout.write(describeResult(f, t));
  return results.some((r) => r.status === 'rejected') ? EXIT.rejected : EXIT.ok;
}

/** One line (or a list of errors) per file, as a partner would want to read it. */
export function describeResult(f: FileIngestResult, t: Messages = en): string {
  if (f.status === 'rejected') {
    const lines = f.errors.slice(0, 50).map((e) => `  ${f.file}: row ${e.row}, column "${e.column}": ${reasonIn(t, e)}\n`);
    const more = f.errors.length > 50 ? `  ... and ${f.errors.length - 50} more (all listed in ${f.quarantineKey})\n` : '';
    return `REJECTED ${f.file} (${f.format ?? 'unknown format'}): ${f.rejected} bad row(s); nothing was loaded. The file is kept as received.\n${lines.join('')}${more}`;
  }
  if (f.duplicate) return `unchanged ${f.file}: the same content was ingested before (upload ${f.duplicateOf?.uploadId}, ${f.duplicateOf?.at.slice(0, 10)})\n`;
  const added = f.rows - f.replaced;
  const replaced = f.replaced ? `, ${f.replaced} earlier ${f.replaced === 1 ? 'count' : 'counts'} replaced (${periodList(f.replacedPeriods)})` : '';
  const notes = (f.notes ?? []).map((n) => `  ${f.file}: row ${n.row}: ${reasonIn(t, n)}\n`).join('');
  return `ingested ${f.file} (${f.format}) as upload ${f.uploadId}: ${added.toLocaleString('en-GB')} rows added${replaced}\n${notes}`;
}

/** "2026-05-04, 2026-05-11" or, for many, the first and last with a count. */
function periodList(periods: string[]): string {
  if (periods.length <= 6) return `periods starting ${periods.join(', ')}`;
  return `${periods.length} periods from ${periods[0]} to ${periods.at(-1)}`;
}

