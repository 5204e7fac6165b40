import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CsvError, groupsFromCsv, panelFromCsv } from '../../shared/analysis/lift/csv.ts';
import { claimedEffect } from '../../shared/analysis/lift/claim.ts';
import { estimateLift, LiftInputError, type LiftMethod, type LiftResult } from '../../shared/analysis/lift/index.ts';

/** Bad user input: reported on stderr with exit code 2. */
export class CliInputError extends Error { override name = 'CliInputError'; }

const METHODS = ['auto', 'scm', 'tbr', 'did', 'prepost'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Read a CSV file, turning read and parse failures into messages that name the file. */
export async function readCsvFile<T>(file: string, convert: (text: string) => T): Promise<T> {
  let text: string;
  try { text = await readFile(file, 'utf8'); } catch (e) {
    throw new CliInputError(`${file}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try { return convert(text); } catch (e) {
    if (e instanceof CsvError) throw new CliInputError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Split "a,b" into trimmed non-empty names. */
export function listArg(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Validate an ISO date option. */
export function dateArg(name: string, v: string | undefined): string {
  if (!v) throw new CliInputError(`--${name} is required (YYYY-MM-DD)`);
  if (!ISO.test(v)) throw new CliInputError(`--${name} "${v}" is not a date in YYYY-MM-DD form`);
  return v;
}

function pct(x: number | null): string { return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`; }

/** A limit of the lift interval for JSON: a number, or "unbounded" (never null or Infinity). */
export function limit(x: number | null, lift: number | null): number | 'unbounded' | null {
  if (lift === null) return null;
  return x === null || !Number.isFinite(x) ? 'unbounded' : x;
}

/** Short human-readable summary of a lift result. */
export function formatLift(r: LiftResult): string {
  if (r.insufficient) return `No claim possible (${r.method}): ${r.insufficient}`;
  const top = Object.entries(r.weights).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 5)
    .map(([k, w]) => `${k} ${w.toFixed(3)}`).join(', ');
  const high = r.ciHigh === null || !Number.isFinite(r.ciHigh) ? 'no upper limit' : pct(r.ciHigh);
  const low = r.ciLow === null || !Number.isFinite(r.ciLow) ? 'no lower limit' : pct(r.ciLow);
  return [
    `Method: ${r.method} (${r.reason})`,
    `Lift: ${pct(r.lift)} [${low}, ${high}], p-value ${r.pValue === null ? 'n/a' : r.pValue.toFixed(3)}`,
    r.refused ? `No effect claimed: ${r.refused}` : '',
    r.diagnostics?.length ? `Checks: ${r.diagnostics.join('; ')}` : '',
    `Incremental: ${r.incremental?.toFixed(1)} total; ${r.att?.toFixed(2)} per treated location-period`,
    `Pre-period fit: ${r.preFit.periods} periods${r.preFit.mape !== undefined ? `, MAPE ${pct(r.preFit.mape)}` : ''}${r.preFit.r2 !== undefined ? `, R² ${r.preFit.r2.toFixed(3)}` : ''}`,
    top ? `Top control weights: ${top}` : '',
    r.notes?.length ? `Notes: ${r.notes.join('; ')}` : '',
  ].filter(Boolean).join('\n');
}

/** Options `campaign lift` and `campaign plan` share: the panel, its regions, the method. */
export const PANEL_OPTIONS = {
  panel: { type: 'string' },
  treated: { type: 'string' },
  control: { type: 'string' },
  'location-col': { type: 'string', default: 'location' },
  missing: { type: 'string', default: 'drop' },
  'date-col': { type: 'string', default: 'date' },
  'value-col': { type: 'string', default: 'Y' },
  method: { type: 'string', default: 'auto' },
  alpha: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export const USAGE =
  'campaign lift --panel FILE.csv (--treated a,b | --groups FILE.csv) --start DATE --end DATE [--control c,d] [--location-col location] [--date-col date] [--value-col Y] [--method auto|scm|tbr|did|prepost] [--missing drop|zero] [--json]';

/**
 * `campaign lift --panel FILE.csv --treated a,b --start DATE --end DATE [--groups FILE.csv] [--control c,d]
 *  [--location-col location] [--date-col date] [--value-col Y] [--method auto|scm|tbr|did|prepost]
 *  [--alpha 0.05] [--seed 1] [--json]`
 * @returns 0 on success, 2 on bad input (reason on stderr), 1 on unexpected failure.
 */
export async function run(args: string[]): Promise<number> {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args, allowPositionals: false, strict: true,
        options: { ...PANEL_OPTIONS, groups: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' } },
      }));
    } catch (e) { throw new CliInputError((e as Error).message); }
    if (!values.panel) throw new CliInputError('--panel FILE.csv is required');
    const method = values.method as LiftMethod | 'auto';
    if (!(METHODS as readonly string[]).includes(method)) throw new CliInputError(`--method must be one of ${METHODS.join(', ')}`);
    const start = dateArg('start', values.start); const end = dateArg('end', values.end);
    const alpha = values.alpha === undefined ? 0.05 : Number(values.alpha);
    if (!(alpha > 0 && alpha < 1)) throw new CliInputError(`--alpha "${values.alpha}" must be a number between 0 and 1`);
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new CliInputError(`--seed "${values.seed}" must be an integer`);
    const panel = await readCsvFile(values.panel, (t) => panelFromCsv(t, { location: values['location-col']!, date: values['date-col']!, value: values['value-col']! }));
    let treated = listArg(values.treated); let control: string[] | undefined = values.control ? listArg(values.control) : undefined;
    if (values.groups) {
      const g = await readCsvFile(values.groups, (t) => groupsFromCsv(t, values['location-col']!));
      if (treated.length === 0) treated = g.treated;
      control ??= g.control.length ? g.control : undefined;
    }
    if (treated.length === 0) throw new CliInputError('give treated locations with --treated a,b or a --groups file');
    const missing = values.missing as 'drop' | 'zero';
    if (missing !== 'drop' && missing !== 'zero') throw new CliInputError('--missing must be drop (a missing row is not reported: the date is left out) or zero (a missing row means nothing happened)');
    let result: LiftResult;
    try {
      result = estimateLift({ panel, treated, control, start, end, method, alpha, seed, missing });
    } catch (e) {
      if (e instanceof LiftInputError) throw new CliInputError(`${values.panel}: ${e.message}`);
      throw e;
    }
    if (values.json) {
      const { method: m, reason, att, incremental, lift, ciLow, ciHigh, pValue, weights, preFit, insufficient, refused, diagnostics, notes } = result;
      const out: Record<string, unknown> = {
        method: m, reason, att, incremental, lift, ciLow: limit(ciLow, lift), ciHigh: limit(ciHigh, lift), pValue, weights, preFit,
        claimed: !insufficient && claimedEffect(result, alpha) !== null,
        diagnostics: diagnostics ?? [], notes: notes ?? [],
      };
      if (insufficient) out['insufficient'] = insufficient;
      if (refused) out['refused'] = refused;
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatLift(result)}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof CliInputError) { process.stderr.write(`campaign lift: ${e.message}\n`); return 2; }
    process.stderr.write(`campaign lift: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
