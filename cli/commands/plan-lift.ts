import { parseArgs } from 'node:util';
import { panelFromCsv } from '../../shared/analysis/lift/csv.ts';
import { LiftInputError, minimumDetectableLift, type LiftMethod, type MdlOptions, type MdlResult, type PanelObservation } from '../../shared/analysis/lift/index.ts';
import { openEngine, openStore } from '../../shared/config.ts';
import { addDays, reportedSpan, withoutWindows, type Series } from '../../shared/analysis/completeness.ts';
import { historyPanel } from '../../shared/analysis/region-panel.ts';
import { campaignWindows, demandHistory } from '../../shared/pipeline/demand-history.ts';
import { CliInputError, dateArg, listArg, PANEL_OPTIONS, readCsvFile } from './lift.ts';

export interface PlanOptions {
  panel: MdlOptions['panel']; treated: string[]; control?: string[]; durationDays: number;
  method?: LiftMethod | 'auto'; power?: number; alpha?: number; simulations?: number; seed?: number;
}

/**
 * Plan a test from history: minimum detectable lift for the given regions and duration (pure apart from CPU).
 * @throws CliInputError when the locations or duration cannot be used.
 */
export async function planFromPanel(o: PlanOptions): Promise<MdlResult> {
  try {
    return minimumDetectableLift(o);
  } catch (e) {
    if (e instanceof LiftInputError || e instanceof RangeError) throw new CliInputError(e.message);
    throw e;
  }
}

/** Not reached on the tested grid of lifts: written as such in JSON, never null or Infinity. */
export const BEYOND = 'beyond the tested range';

/**
 * A plan for `--json`: limits that were not reached are written as {@link BEYOND}; `mdl` is null
 * only when there is no estimate at all (the note says why).
 */
export function planJson(r: MdlResult, history: string[]): Record<string, unknown> {
  const reached = (x: number | null): number | string => (x === null ? BEYOND : x);
  const estimated = r.curve.length > 0;
  return {
    ...r,
    mdl: estimated ? reached(r.mdl) : null,
    mdlRange: estimated ? { low: reached(r.mdlRange.low), high: reached(r.mdlRange.high) } : null,
    history,
  };
}

/** Human summary of a plan. */
export function formatPlan(r: MdlResult, history: string[] = []): string {
  const curve = r.curve.map((c) => `${(c.lift * 100).toFixed(1)}% -> ${(c.power * 100).toFixed(0)}% (${(c.low * 100).toFixed(0)}-${(c.high * 100).toFixed(0)}%)`).join(', ');
  const zero = r.curve[0];
  const fp = r.falsePositiveRate === null || !zero ? [] : [`Rejection rate at zero lift: ${(r.falsePositiveRate * 100).toFixed(0)}% of ${r.tests} simulated tests (95% interval ${(zero.low * 100).toFixed(0)}-${(zero.high * 100).toFixed(0)}%; alpha ${r.alpha * 100}%), with the placebo calibration and pre-trend check campaign lift applies`];
  return [
    r.note,
    `Method: ${r.method} (${r.reason})`,
    ...fp,
    `Power curve (lift -> power, 95% interval): ${curve || 'n/a'}`,
    ...r.warnings.map((w) => `Warning: ${w}`),
    ...history.map((h) => `History: ${h}`),
  ].join('\n');
}

/**
 * Leave out of the history every period that overlaps a registered campaign (its own effect would
 * look like noise, or like the baseline) and everything after `until`.
 */
export function cleanHistory(series: Series[], campaigns: { id: string; start: string; end: string }[], until?: string): { series: Series[]; notes: string[] } {
  const notes: string[] = [];
  const later = until ? [{ start: addDays(until, 1), end: '9999-12-31' }] : [];
  const { series: out, dropped } = withoutWindows(series, [...campaigns, ...later]);
  if (campaigns.length) notes.push(`left out the periods of ${campaigns.length} registered campaign(s): ${campaigns.slice(0, 5).map((c) => `${c.id} ${c.start}..${c.end}`).join(', ')}${campaigns.length > 5 ? '…' : ''}`);
  if (until) notes.push(`history up to ${until}`);
  if (dropped) notes.push(`${dropped} row(s) left out`);
  return { series: out, notes };
}

/** The channel's history from the lake (--data DIR or the configured store), cleaned and as a panel. */
async function lakeHistory(channel: string, regions: string[], until: string | undefined, data?: string): Promise<{ panel: MdlOptions['panel']; notes: string[] }> {
  const store = await openStore({ data });
  const engine = await openEngine(store);
  try {
    const clean = cleanHistory(await demandHistory(engine, channel, regions), await campaignWindows(store), until);
    const spans = clean.series.flatMap((s) => reportedSpan(s) ?? []);
    if (spans.length === 0) return { panel: [], notes: clean.notes };
    const starts = spans.map((s) => s.start).sort(); const ends = spans.map((s) => s.end).sort();
    const p = historyPanel(clean.series, { start: starts[0]!, end: until ?? ends[ends.length - 1]! });
    return { panel: p.panel, notes: [...clean.notes, ...p.notes] };
  } finally {
    await engine.close();
  }
}

export const USAGE =
  'campaign plan (--panel FILE.csv | --channel NAME [--data DIR]) --treated a,b --duration DAYS [--control c,d] [--method auto|scm|tbr|did|prepost] [--power 0.8] [--alpha 0.05] [--simulations N] [--until DATE] [--json]';

/**
 * `campaign plan (--panel FILE | --channel NAME [--data DIR]) --treated a,b --duration DAYS [--control c,d]
 *  [--until DATE] (with --channel, the history comes from the lake's partner counts, without the periods
 *  of registered campaigns)
 * `campaign plan --panel FILE --treated a,b --duration DAYS [--control c,d] [--location-col location]
 *  [--date-col date] [--value-col Y] [--method auto|scm|tbr|did|prepost] [--power 0.8] [--alpha 0.05]
 *  [--simulations 10] [--json]`
 * @returns 0 on success, 2 on bad input, 1 on unexpected failure.
 */
export async function run(args: string[]): Promise<number> {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args, allowPositionals: false, strict: true,
        options: {
          ...PANEL_OPTIONS,
          channel: { type: 'string' },
          data: { type: 'string' },
          duration: { type: 'string' },
          power: { type: 'string' },
          simulations: { type: 'string' },
          until: { type: 'string' },
        },
      }));
    } catch (e) { throw new CliInputError((e as Error).message); }
    if (!values.panel && !values.channel) throw new CliInputError('give --panel FILE.csv, or --channel NAME to plan on the history in the lake');
    const treated = listArg(values.treated);
    if (treated.length === 0) throw new CliInputError('--treated a,b is required');
    const durationDays = Number(values.duration);
    if (!Number.isInteger(durationDays) || durationDays < 1) throw new CliInputError(`--duration "${values.duration ?? ''}" must be a whole number of days >= 1`);
    const method = values.method as LiftMethod | 'auto';
    if (!['auto', 'scm', 'tbr', 'did', 'prepost'].includes(method)) throw new CliInputError('--method must be one of auto, scm, tbr, did, prepost');
    const num = (name: string, v: string | undefined, ok: (x: number) => boolean): number | undefined => {
      if (v === undefined) return undefined;
      const x = Number(v);
      if (!ok(x)) throw new CliInputError(`--${name} "${v}" is out of range`);
      return x;
    };
    const power = num('power', values.power, (x) => x > 0 && x < 1);
    const alpha = num('alpha', values.alpha, (x) => x > 0 && x < 1);
    const simulations = num('simulations', values.simulations, (x) => Number.isInteger(x) && x >= 1);
    const seed = num('seed', values.seed, Number.isInteger);
    const control = values.control ? listArg(values.control) : undefined;
    const until = values.until === undefined ? undefined : dateArg('until', values.until);
    let panel: MdlOptions['panel']; let history: string[] = [];
    if (values.panel) {
      const rows: PanelObservation[] = await readCsvFile(values.panel, (t) => panelFromCsv(t, { location: values['location-col']!, date: values['date-col']!, value: values['value-col']! }));
      panel = until ? rows.filter((o) => o.date <= until) : rows;
      if (until) history = [`history up to ${until}`];
    } else ({ panel, notes: history } = await lakeHistory(values.channel!, control ? [...treated, ...control] : [], until, values.data));
    if ((Array.isArray(panel) ? panel : panel.locations).length === 0) throw new CliInputError(`no ${values.channel} counts in the lake yet: ingest partner history first`);
    let result: MdlResult;
    try {
      result = await planFromPanel({ panel, treated, control, durationDays, method, power, alpha, simulations, seed });
    } catch (e) {
      if (e instanceof CliInputError) throw new CliInputError(`${values.panel ?? `${values.channel} history`}: ${e.message}`);
      throw e;
    }
    process.stdout.write(values.json ? `${JSON.stringify(planJson(result, history), null, 2)}\n` : `${formatPlan(result, history)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CliInputError) { process.stderr.write(`campaign plan: ${e.message}\n`); return 2; }
    process.stderr.write(`campaign plan: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
