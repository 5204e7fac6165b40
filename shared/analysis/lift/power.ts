import { chooseMethod, insufficiency } from './auto.ts';
import { finalize } from './core.ts';
import { estimateScm } from './estimate-scm.ts';
import { runMethod } from './run-method.ts';
import { buildPanel, isCountData } from './panel.ts';
import type { LiftMethod, PanelObservation, WidePanel } from './types.ts';

export interface MdlOptions {
  panel: PanelObservation[]; treated: string[]; control?: string[]; durationDays: number;
  power?: number; alpha?: number; simulations?: number; seed?: number; method?: LiftMethod | 'auto';
}
export interface MdlResult { mdl: number | null; curve: { lift: number; power: number }[]; method: LiftMethod; note: string }

const LIFTS = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1];

/** Copy of the panel truncated after column `end`, with the last `d` columns as the pseudo test period. */
function window(p: WidePanel, end: number, d: number): WidePanel {
  const cut = (r: Float64Array): Float64Array => Float64Array.from(r.subarray(0, end + 1));
  return { ...p, dates: p.dates.slice(0, end + 1), yT: p.yT.map(cut), yC: p.yC.map(cut), t0: end + 1 - d, t1: end + 1, notes: [] };
}

/** Multiply the treated test-period values by (1 + lift); counts stay integers. */
function inject(p: WidePanel, lift: number, counts: boolean): WidePanel {
  const yT = p.yT.map((r) => {
    const o = Float64Array.from(r);
    for (let t = p.t0; t < p.t1; t++) o[t] = counts ? Math.round(o[t]! * (1 + lift)) : o[t]! * (1 + lift);
    return o;
  });
  return { ...p, yT };
}

const MIN_WINDOWS = 5;

/** Typical spacing of the panel's dates in days (1 for daily data, 7 for weekly). */
function medianGapDays(dates: string[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push((Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)) / 86_400_000);
  gaps.sort((a, b) => a - b);
  return gaps.length ? Math.max(1, gaps[Math.floor(gaps.length / 2)]!) : 1;
}

/**
 * Minimum detectable lift by simulation on history (as GeoLift's power analysis): the last `durationDays`
 * of several look-back windows act as pseudo test periods, a known lift is injected into the treated
 * regions there, and the estimator is run; power is the share of windows where the effect is significant
 * in the right direction. MDL is the smallest lift with power >= `power` (default 0.8), interpolated.
 */
export function minimumDetectableLift(opts: MdlOptions): MdlResult {
  const alpha = opts.alpha ?? 0.05; const target = opts.power ?? 0.8; const seed = opts.seed ?? 1;
  const dates = [...new Set(opts.panel.map((o) => o.date))].sort();
  // durationDays is calendar days; weekly panels have one date per 7 days.
  const periodDays = medianGapDays(dates);
  const d = Math.max(1, Math.round(opts.durationDays / periodDays));
  if (!(d >= 1) || dates.length <= d) throw new RangeError(`durationDays must be between 1 and ${dates.length - 1}`);
  const full = buildPanel({ panel: opts.panel, treated: opts.treated, control: opts.control, start: dates[dates.length - d]!, end: dates[dates.length - 1]! });
  const choice = opts.method && opts.method !== 'auto' ? { method: opts.method, reason: 'requested' } : chooseMethod(full);
  const method = choice.method;
  const counts = isCountData(full.yT, 0, full.t1);
  const nSims = Math.max(1, opts.simulations ?? 10);
  const step = Math.max(1, Math.round(d / 3));
  const wins: WidePanel[] = [];
  for (let s = 0; s < nSims; s++) {
    const end = dates.length - 1 - s * step;
    const w = window(full, end, d);
    if (insufficiency(w, method)) break;
    wins.push(w);
  }
  if (wins.length === 0) {
    const why = insufficiency(window(full, dates.length - 1, d), method) ?? 'not enough history';
    return { mdl: null, curve: [], method, note: `No power estimate: ${why}` };
  }
  // A power from one or two pseudo-tests is noise, not an estimate.
  if (wins.length < MIN_WINDOWS)
    return { mdl: null, curve: [], method, note: `No power estimate: the history allows only ${wins.length} simulated ${opts.durationDays}-day test(s); at least ${MIN_WINDOWS} are needed (more history, or a shorter test).` };
  // ridge lambda depends only on the pre-period, so choose it once per window
  const lambdas = wins.map((w) => (method === 'scm' ? estimateScm(w, { alpha, seed, skipCi: true, permutations: 50 }).lambda ?? undefined : undefined));
  const curve: { lift: number; power: number }[] = [];
  let mdl: number | null = null;
  for (const lift of LIFTS) {
    let hits = 0;
    wins.forEach((w, i) => {
      const pw = inject(w, lift, counts);
      const core = runMethod(pw, method, alpha, seed + i, { lambda: lambdas[i], skipCi: true, permutations: 500 });
      const r = finalize(pw, core, choice.reason, alpha);
      if (r.pValue !== null && r.pValue < alpha && (lift === 0 || (r.lift ?? 0) * lift > 0)) hits++;
    });
    const power = hits / wins.length;
    curve.push({ lift, power });
    if (lift > 0 && power >= target) {
      const prev = curve[curve.length - 2]!;
      mdl = prev.power >= target ? lift : prev.lift + ((target - prev.power) / (power - prev.power)) * (lift - prev.lift);
      break;
    }
  }
  const note = mdl === null
    ? `No lift up to ${LIFTS[LIFTS.length - 1]! * 100}% reached ${target * 100}% power over ${wins.length} simulated ${d}-day tests (${method}).`
    : `A lift of about ${(mdl * 100).toFixed(1)}% would be detected with ${target * 100}% power at alpha ${alpha} over ${opts.durationDays} days (${wins.length} simulated tests on history, ${method}).`;
  return { mdl, curve, method, note };
}
