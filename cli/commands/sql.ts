import { openEngine, openStore } from '../../shared/config.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign sql "SELECT ..." [--data DIR] [--json]';

/** `campaign sql`: run ad-hoc SQL over the curated tables (the same views the queries use). */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { data: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const sql = positionals.join(' ').trim();
  if (!sql) throw new InputError(`give a query\n\nUsage: ${USAGE}`);
  const store = await openStore(values);
  const engine = await openEngine(store);
  try {
    const rows = await engine.query(sql).catch((e: Error) => {
      throw new InputError(`query failed: ${e.message}`);
    });
    if (values.json) printJson(rows);
    else process.stdout.write(table(rows));
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

/** A plain aligned text table. */
function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => (r[c] === null ? 'NULL' : String(r[c]))));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}
