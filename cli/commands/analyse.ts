import path from 'node:path';
import { isIsoDate } from '../../shared/domain/dates.ts';
import { openEngine, openStore } from '../../shared/config.ts';
import { analyseCampaign } from '../../shared/pipeline/analyse-campaign.ts';
import { renderPdf } from '../../shared/browser/render-pdf.ts';
import { writeOut } from '../out.ts';
import { EXIT, InputError, parseCommandArgs, printJson } from '../io.ts';

export const USAGE = 'campaign analyse ID [--as-of YYYY-MM-DD] [--label "3 months"] [--exclude-control CODE,...] [--pdf] [--out DIR] [--data DIR] [--json]';

/**
 * `campaign analyse ID`: write reports/<id>/<as-of>/report.{json,md,html} (and report.pdf with
 * --pdf, printed by the bundled Chromium) and say where; an earlier run for the same date is kept.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'as-of': { type: 'string' }, label: { type: 'string' }, 'exclude-control': { type: 'string' }, pdf: { type: 'boolean' }, out: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new InputError(`give one campaign id\n\nUsage: ${USAGE}`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) throw new InputError(`--as-of "${asOf}" is not a date written YYYY-MM-DD`);
  const store = await openStore(values);
  const engine = await openEngine(store);
  try {
    const pdf = values.pdf ? (html: string) => renderPdf(html) : undefined;
    // Control regions the ads reached (the report's contamination check names them): left out of geo lift.
    const excludeControls = (values['exclude-control'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const { report, keys, replaced } = await analyseCampaign(store, engine, id, { asOf, label: values.label, excludeControls, ...(pdf ? { pdf } : {}) }).catch((e: Error) => {
      if (/No campaign|dated in the future/.test(e.message)) throw new InputError(e.message);
      throw e;
    });
    const files = values.out ? await writeOut(store, Object.values(keys), values.out) : Object.values(keys).map((k) => where(store, k));
    if (values.json) printJson({ report, files });
    else {
      const counts = report.goals.reduce<Record<string, number>>((m, g) => ({ ...m, [g.status]: (m[g.status] ?? 0) + 1 }), {});
      process.stdout.write(
        `Analysed ${id} as of ${report.asOf} (${report.phase.replace('_', ' ')}): goals ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}\n` +
          files.map((f) => `  ${f}\n`).join('') +
          (replaced ? `  (replaces the earlier report for this date, which is kept in ${where(store, replaced)})\n` : ''),
      );
    }
    return EXIT.ok;
  } finally {
    await engine.close();
  }
}

function where(store: { localRoot?: string; location: string }, key: string): string {
  return store.localRoot ? path.join(store.localRoot, key) : `${store.location.replace(/\/$/, '')}/${key}`;
}

