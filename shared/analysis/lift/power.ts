import { chooseMethod, insufficiency } from './auto.ts';
import { calibrate, MAX_PLACEBOS } from './calibrate.ts';
import { claimedEffect } from './claim.ts';
import { finalize, type CoreEstimate } from './core.ts';
import { estimateScm } from './estimate-scm.ts';
import { runMethod } from './run-method.ts';
import { buildPanel, densePanel, isCountData } from './panel.ts';
import { makeRng, type Rng } from './prng.ts';
import type { DensePanel, LiftMethod, PanelObservation, WidePanel } from './types.ts';

export interface MdlOptions {
  panel: PanelObservation[] | DensePanel; treated: string[]; control?: string[]; durationDays: number;
  power?: number; alpha?: number; simulations?: number; seed?: number; method?: LiftMethod | 'auto';
}
export interface PowerPoint {
  lift: number;
  /** share of simulated tests where the injected lift was detected (at lift 0: the false-positive rate) */
  power: number;
  /** 95% Wilson interval of that share: the simulated tests are few, so the figure is uncertain */
  low: number;
  high: number;
  tests: number;
}
export interface MdlResult {
  mdl: number | null;
  /** lifts where the power interval reaches the target: [smallest plausible, largest plausible] MDL; null = not reached on the grid */
  mdlRange: { low: number | null; high: number | null };
  curve: PowerPoint[];
  /** rejection rate at zero lift: should be at most alpha */
  falsePositiveRate: number | null;
  alpha: number;
  method: LiftMethod;
  reason: string;
  tests: number;
  note: string;
  warnings: string[];
}

const LIFTS = [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1];

/** Copy of the panel truncated after column `end`, with the last `d` columns as the pseudo test period. */
function window(p: WidePanel, end: number, d: number): WidePanel {
  const cut = (r: Float64Array): Float64Array => Float64Array.from(r.subarray(0, end + 1));
  return { ...p, dates: p.dates.slice(0, end + 1), yT: p.yT.map(cut), yC: p.yC.map(cut), t0: end + 1 - d, t1: end + 1, notes: [] };
}

/**
 * Inject a lift into the treated test-period values. Counts get extra contacts drawn as
 * Poisson(lift x count) (a fall is binomial thinning), so a 10% lift on counts of 3 adds contacts
 * on some days instead of rounding to nothing; other values are scaled.
 */
function inject(p: WidePanel, lift: number, counts: boolean, rng: Rng): WidePanel {
  const yT = p.yT.map((r) => {
    const o = Float64Array.from(r);
    for (let t = p.t0; t < p.t1; t++) {
      const v = o[t]!;
      if (!counts) o[t] = v * (1 + lift);
      else if (lift >= 0) o[t] = v + rng.poisson(v * lift);
      else { let k = 0; for (let i = 0; i < v; i++) if (rng.next() < 1 + lift) k++; o[t] = k; }
    }
    return o;
  });
  return { ...p, yT };
}

/** 95% Wilson score interval for k successes out of n. */
export function wilson(k: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n; const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n); const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, (c - h) / d), Math.min(1, (c + h) / d)];
}

const MIN_WINDOWS = 5;

/**
 * Power simulations skip the interval of synthetic control (a test inversion per simulated test);
 * whether that interval would leave out zero is the method's own test at zero, so the model
 * interval enters the calibrated union as the estimate alone (zero rejected) or as the span from
 * zero to the estimate (not rejected): the claim comes out as a report's would.
 */
function withZeroCheck(p: WidePanel, core: CoreEstimate): CoreEstimate {
  if (core.attCi || core.zeroRejected === undefined) return core;
  let inc = 0;
  for (let t = p.t0; t < p.t1; t++) inc += core.observed[t]! - core.counterfactual[t]!;
  const att = inc / (p.treated.length * (p.t1 - p.t0));
  return { ...core, attCi: core.zeroRejected ? [att, att] : [Math.min(0, att), Math.max(0, att)] };
}

/** Typical spacing of the panel's dates in days (1 for daily data, 7 for weekly). */
function medianGapDays(dates: string[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push((Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)) / 86_400_000);
  gaps.sort((a, b) => a - b);
  return gaps.length ? Math.max(1, gaps[Math.floor(gaps.length / 2)]!) : 1;
}

/**
 * Minimum detectable lift by simulation on history (as GeoLift's power analysis): the history is cut
 * into non-overlapping pseudo test periods of the campaign's length (each with all the history before
 * it as the pre-period), a known lift is injected into the treated regions there, and the estimator is
 * run; power is the share of pseudo tests where the effect is significant in the right direction. MDL is
 * the smallest lift with power >= `power` (default 0.8), interpolated, with the range the power's
 * own uncertainty allows. The rejection rate at zero lift is reported, with a warning above alpha.
 */
export function minimumDetectableLift(opts: MdlOptions): MdlResult {
  const alpha = opts.alpha ?? 0.05; const target = opts.power ?? 0.8; const seed = opts.seed ?? 1;
  const panel = densePanel(opts.panel);
  const { dates } = panel;
  // durationDays is calendar days; weekly panels have one date per 7 days.
  const periodDays = medianGapDays(dates);
  const d = Math.max(1, Math.round(opts.durationDays / periodDays));
  if (!(d >= 1) || dates.length <= d) throw new RangeError(`durationDays must be between 1 and ${dates.length - 1}`);
  const full = buildPanel({ panel, treated: opts.treated, control: opts.control, start: dates[dates.length - d]!, end: dates[dates.length - 1]! });
  const choice = opts.method && opts.method !== 'auto' ? { method: opts.method, reason: 'requested' } : chooseMethod(full);
  const method = choice.method;
  const counts = isCountData(full.yT, 0, full.t1);
  const maxSims = opts.simulations ?? Infinity;
  const wins: WidePanel[] = [];
  // ridge lambda depends only on the pre-period, so choose it once per window
  const lambdas: (number | undefined)[] = [];
  // Non-overlapping pseudo tests, newest first, while the history before each is long enough.
  for (let end = full.dates.length - 1; wins.length < maxSims; end -= d) {
    if (end + 1 - d <= 0) break;
    const w = window(full, end, d);
    if (insufficiency(w, method)) break;
    wins.push(w);
    lambdas.push(method === 'scm' ? estimateScm(w, { alpha, seed, skipCi: true, permutations: 50 }).lambda ?? undefined : undefined);
  }
  // A campaign run right after this history would be calibrated on placebo periods cut from it:
  // these very windows, without an effect. Each pseudo test is calibrated on the others (never on
  // itself), the newest first, as many as a report uses.
  const zero = wins.map((w, i) => {
    const r = finalize(w, runMethod(w, method, alpha, seed + i, { lambda: lambdas[i], skipCi: true, pointOnly: true }), '', alpha);
    return r.lift !== null && Number.isFinite(r.lift) ? r.lift : null;
  });
  const placebosFor = (i: number): number[] => zero.filter((v, j): v is number => j !== i && v !== null).slice(0, MAX_PLACEBOS);
  const empty = { mdl: null, mdlRange: { low: null, high: null }, curve: [], falsePositiveRate: null, alpha, method, reason: choice.reason, tests: wins.length, warnings: [] };
  if (wins.length === 0) {
    const why = insufficiency(window(full, full.dates.length - 1, d), method) ?? 'not enough history';
    return { ...empty, note: `No power estimate: ${why}` };
  }
  // A power from one or two pseudo-tests is noise, not an estimate.
  if (wins.length < MIN_WINDOWS)
    return { ...empty, note: `No power estimate: the history allows only ${wins.length} simulated ${opts.durationDays}-day test(s); at least ${MIN_WINDOWS} are needed (more history, or a shorter test).` };
  const curve: PowerPoint[] = [];
  let refusals = 0;
  const rng = makeRng(seed);
  let mdl: number | null = null; let low: number | null = null; let high: number | null = null;
  for (const lift of LIFTS) {
    let hits = 0;
    wins.forEach((w, i) => {
      const pw = inject(w, lift, counts, rng);
      // The same inference as a report: the method's test, the exact count guard, the placebo
      // calibration and the pre-trend check; an effect counts only where a report would claim it.
      const core = withZeroCheck(pw, runMethod(pw, method, alpha, seed + i, { lambda: lambdas[i], skipCi: true, permutations: 500 }));
      const r = calibrate(pw, core, finalize(pw, core, choice.reason, alpha), alpha, placebosFor(i));
      const claim = claimedEffect(r, alpha);
      if (lift === 0 && r.refused) refusals++;
      if (lift === 0 ? claim !== null : claim === (lift > 0 ? 'rise' : 'fall')) hits++;
    });
    const power = hits / wins.length;
    const [lo, hi] = wilson(hits, wins.length);
    curve.push({ lift, power, low: lo, high: hi, tests: wins.length });
    if (lift === 0) continue;
    const prev = curve[curve.length - 2]!;
    // Each crossing interpolated the same way, so low <= mdl <= high (the bounds bracket the power).
    const cross = (a: number, b: number): number => (a >= target ? prev.lift : prev.lift + ((target - a) / (b - a)) * (lift - prev.lift));
    if (mdl === null && power >= target) mdl = cross(prev.power, power);
    if (low === null && hi >= target) low = cross(prev.high, hi);
    if (high === null && lo >= target) high = cross(prev.low, lo);
    if (mdl !== null && high !== null) break;
  }
  const fp = curve[0]!.power;
  const warnings: string[] = [];
  if (fp > alpha)
    warnings.push(`At zero lift ${Math.round(fp * wins.length)} of ${wins.length} simulated tests (${(fp * 100).toFixed(0)}%) were significant, more than alpha (${alpha * 100}%): on this history the ${method} method finds effects that are not there, so its power is overstated.`);
  if (refusals > 0)
    warnings.push(`In ${refusals} of ${wins.length} simulated tests a report would claim nothing whatever the lift: the treated regions drift away from the controls before the test (pre-trend check); that lowers the power.`);
  const pct = (x: number | null) => (x === null ? 'beyond the tested range' : `${(x * 100).toFixed(1)}%`);
  const note = mdl === null
    ? `No lift up to ${LIFTS[LIFTS.length - 1]! * 100}% reached ${target * 100}% power over ${wins.length} simulated ${opts.durationDays}-day tests (${method}).`
    : `A lift of about ${(mdl * 100).toFixed(1)}% would be detected with ${target * 100}% power at alpha ${alpha} over ${opts.durationDays} days (${wins.length} simulated tests on history, ${method}, with the placebo calibration a report applies); with so few tests the minimum detectable lift could be anywhere from ${pct(low)} to ${pct(high)}.`;
  return { mdl, mdlRange: { low, high }, curve, falsePositiveRate: fp, alpha, method, reason: choice.reason, tests: wins.length, note, warnings };
}
