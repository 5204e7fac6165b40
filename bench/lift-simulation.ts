/**
 * Geo-lift bench: (a) speed of augmented synthetic control with conformal inference, (b) the
 * simulation study of issue 10: panels of partner series with the features of real partner data
 * (bench/lift-scenarios.ts) and a known true lift of 0, 20% or 50%, analysed exactly as a report is
 * (completeness rules, region panel, method choice, placebo calibration). Per scenario and method it
 * prints coverage of the 95% intervals, false positives, bias and power beside the targets, each
 * rate with its Monte-Carlo standard error.
 *
 * Sequential rule (lift-verdict.ts): every cell starts with BENCH_REPS panels (default 200); a cell
 * whose one-sided 95% exact bound still straddles a target gets more panels, up to BENCH_MAX_REPS
 * (default 3 x BENCH_REPS); a cell still undecided then is judged by its point estimate and marked.
 * Run: npx tsx bench/lift-simulation.ts
 */
import { pathToFileURL } from 'node:url';
import { groupSeries } from '../shared/analysis/completeness.ts';
import { compareDemand } from '../shared/analysis/demand.ts';
import { chooseMethod } from '../shared/analysis/lift/auto.ts';
import { estimateLift, LiftInputError, type LiftMethod, type PanelObservation } from '../shared/analysis/lift/index.ts';
import { buildPanel } from '../shared/analysis/lift/panel.ts';
import { makeRng } from '../shared/analysis/lift/prng.ts';
import { regionPanel } from '../shared/analysis/region-panel.ts';
import { SCENARIOS, simulate, type Scenario } from './lift-scenarios.ts';
import { judge, mcSe, type Verdict } from './lift-verdict.ts';

export type BenchMethod = LiftMethod | 'auto' | 'uplift';
export const METHODS: BenchMethod[] = ['auto', 'did', 'tbr', 'scm', 'uplift'];
export const LIFTS = [0, 0.2, 0.5];
export const TARGETS = { coverage: 0.9, falsePositives: 0.07 };

/** Outcome of one analysed panel. */
export interface Outcome { estimate: number | null; low: number | null; high: number | null; claimed: boolean; refused: boolean; method: string }
const none = (method: string): Outcome => ({ estimate: null, low: null, high: null, claimed: false, refused: true, method });

/**
 * Analyse one simulated panel as the report would, with every method asked for. The panel is
 * simulated once; `auto` reuses the result of the method it chooses (same seed, same answer).
 */
export function analysePanel(s: Scenario, lift: number, seed: number, methods: BenchMethod[]): Map<BenchMethod, Outcome> {
  const sim = simulate(s, lift, seed);
  const series = groupSeries(sim.rows).filter((x) => !sim.excluded.includes(x.region));
  const out = new Map<BenchMethod, Outcome>();
  if (methods.includes('uplift')) {
    const row = compareDemand(series, sim.baseline, sim.test, 'campaign').comparisons.find((d) => d.region === 'targeted');
    if (!row || row.rateRatio === null || row.ciLow === null) out.set('uplift', none('uplift'));
    else {
      const high = row.ciHigh === null ? Infinity : row.ciHigh - 1;
      const claimed = (row.pValue ?? 1) < 0.05 && (row.ciLow > 1 || high < 0);
      out.set('uplift', { estimate: row.rateRatio - 1, low: row.ciLow - 1, high, claimed, refused: false, method: row.interval ?? 'exact' });
    }
  }
  const liftMethods = methods.filter((m) => m !== 'uplift');
  if (liftMethods.length === 0) return out;
  const rp = regionPanel(series, sim.baseline, sim.test);
  const present = new Set(rp.panel.locations);
  // The permutation stream must not be the stream that made the data.
  const input = { panel: rp.panel, treated: sim.treated, control: sim.control.filter((c) => present.has(c)), start: sim.test.start, end: sim.test.end, preStart: sim.baseline.start, seed: (seed ^ 0x68e31da4) >>> 0 };
  const usable = sim.treated.every((t) => present.has(t));
  const run = (method: LiftMethod): Outcome => {
    if (!usable) return none(method);
    try {
      const r = estimateLift({ ...input, method });
      if (r.insufficient || r.lift === null) return none(r.method);
      const high = r.ciHigh === null ? Infinity : r.ciHigh;
      const low = r.ciLow ?? -Infinity;
      const claimed = !r.refused && (r.pValue ?? 1) < 0.05 && (low > 0 || high < 0);
      return { estimate: r.lift, low, high, claimed, refused: Boolean(r.refused), method: r.method };
    } catch (e) {
      if (!(e instanceof LiftInputError)) throw e;
      return none(method);
    }
  };
  let chosen: LiftMethod | null = null;
  if (liftMethods.includes('auto') && usable) {
    try { chosen = chooseMethod(buildPanel(input)).method; } catch (e) { if (!(e instanceof LiftInputError)) throw e; }
  }
  for (const m of liftMethods) if (m !== 'auto') out.set(m, run(m));
  if (liftMethods.includes('auto')) out.set('auto', chosen === null ? none('auto') : (out.get(chosen) ?? run(chosen)));
  return out;
}

/** Analyse one simulated panel with one method. */
export function analyse(s: Scenario, method: BenchMethod, lift: number, seed: number): Outcome {
  return analysePanel(s, lift, seed, [method]).get(method)!;
}

/** Running tallies of one cell (scenario x method x true lift). */
export interface Tally { runs: number; refused: number; shown: number; covered: number; claims: number; errSum: number; errSq: number; errN: number; used: Map<string, number> }
export const emptyTally = (): Tally => ({ runs: 0, refused: 0, shown: 0, covered: 0, claims: 0, errSum: 0, errSq: 0, errN: 0, used: new Map() });

export function addOutcome(t: Tally, o: Outcome, lift: number): void {
  t.runs++;
  t.used.set(o.method, (t.used.get(o.method) ?? 0) + 1);
  if (o.estimate !== null) { const e = o.estimate - lift; t.errSum += e; t.errSq += e * e; t.errN++; }
  if (o.refused || o.estimate === null) { t.refused++; return; }
  t.shown++;
  if (o.low! <= lift && lift <= o.high!) t.covered++;
  if (o.claimed && (lift === 0 || o.estimate > 0)) t.claims++;
}

/**
 * Seed of panel r of a cell: the same panels for every method, fresh panels when a cell is extended.
 * Hashed (murmur3 finaliser): mulberry32 streams from seeds a small multiple apart are correlated,
 * which made the first panels of the old `1 + r * 7919` seeds miss together.
 */
export function panelSeed(r: number, seed0 = 1): number {
  let h = (Math.imul(seed0, 0x9e3779b1) + Math.imul(r + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b); h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface CellResult {
  scenario: string; method: BenchMethod; lift: number; runs: number;
  /** runs with no claim possible or a refused claim */
  refused: number;
  /** coverage of the truth by the intervals of the results not refused */
  coverage: number | null;
  /** share of runs with a claimed effect (at lift 0: false positives), in the right direction at lift > 0 */
  claimRate: number;
  bias: number | null;
  used: string;
}

export function cellResult(s: Scenario, method: BenchMethod, lift: number, t: Tally): CellResult {
  return {
    scenario: s.name, method, lift, runs: t.runs, refused: t.refused,
    coverage: t.shown ? t.covered / t.shown : null,
    claimRate: t.runs ? t.claims / t.runs : 0,
    bias: t.errN ? t.errSum / t.errN : null,
    used: [...t.used].map(([m, k]) => `${m}:${k}`).join(' '),
  };
}

export function runCell(s: Scenario, method: BenchMethod, lift: number, reps: number, seed0 = 1): CellResult {
  const t = emptyTally();
  for (let r = 0; r < reps; r++) addOutcome(t, analyse(s, method, lift, panelSeed(r, seed0)), lift);
  return cellResult(s, method, lift, t);
}

/** Before/after by design: a trend, holiday or partner change is not separated from the campaign. */
export const upliftOutOfScope = (s: Scenario): boolean => Boolean(s.trendSd || s.holidays);

/** Verdict of a cell against both targets (coverage of what is shown; false positives at lift 0). */
export function cellVerdict(t: Tally, lift: number): Verdict {
  const cov = judge(t.covered, t.shown, TARGETS.coverage, 'atLeast');
  const fp = lift === 0 ? judge(t.claims, t.runs, TARGETS.falsePositives, 'atMost') : 'met';
  if (cov === 'missed' || fp === 'missed') return 'missed';
  return cov === 'met' && fp === 'met' ? 'met' : 'undecided';
}

/** Point-estimate verdict, for cells still undecided after the most panels. */
function pointVerdict(t: Tally, lift: number): boolean {
  const covOk = t.shown === 0 || t.covered / t.shown >= TARGETS.coverage;
  return covOk && (lift !== 0 || t.claims / t.runs <= TARGETS.falsePositives);
}

function timeScm(n: number, days: number): number {
  const rng = makeRng(99);
  const panel: PanelObservation[] = [];
  for (let i = 0; i < n; i++) { const size = 20 + 180 * rng.next(); for (let t = 0; t < days; t++) panel.push({ location: `r${i}`, date: new Date(Date.UTC(2024, 0, 1 + t)).toISOString().slice(0, 10), value: rng.poisson(size) }); }
  const t = performance.now();
  estimateLift({ panel, treated: ['r0', 'r1'], start: new Date(Date.UTC(2024, 0, 1 + days - 14)).toISOString().slice(0, 10), end: new Date(Date.UTC(2024, 0, days)).toISOString().slice(0, 10), method: 'scm' });
  return performance.now() - t;
}

const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const pctSe = (k: number, n: number): string => (n === 0 ? '—' : `${pct(k / n)} ± ${(100 * mcSe(k, n)).toFixed(1)}`);
const pts = (x: number | null): string => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`);

export interface BenchOptions { reps?: number; maxReps?: number; scenarios?: Scenario[]; log?: (line: string) => void }

/** Run the bench and return the printed lines. */
export async function runLiftBench(o: BenchOptions = {}): Promise<string[]> {
  const reps = o.reps ?? Number(process.env.BENCH_REPS ?? 200);
  const maxReps = Math.max(reps, o.maxReps ?? Number(process.env.BENCH_MAX_REPS ?? 3 * reps));
  const scenarios = o.scenarios ?? SCENARIOS;
  const lines: string[] = [];
  const log = (s: string): void => { lines.push(s); (o.log ?? console.log)(s); };
  log('# geo-lift bench');
  if (!o.scenarios) {
    log(`scm + conformal inference (+ placebo calibration), 40 regions x 105 days: ${timeScm(40, 105).toFixed(0)} ms (target < 2000)`);
    log(`scm + conformal inference (+ placebo calibration), 500 regions x 730 days: ${timeScm(500, 730).toFixed(0)} ms (target < 60000)`);
  }
  const t = performance.now();
  log(`## simulation: ${reps} panels per cell, up to ${maxReps} where Monte-Carlo error leaves a target undecided; 10 regions (2 treated) x 98 days unless the scenario says otherwise; 14-day test; 95% intervals, alpha 0.05`);
  log(`targets: coverage >= ${Math.round(TARGETS.coverage * 100)}% of the results the tool shows, false positives <= ${Math.round(TARGETS.falsePositives * 100)}% of all runs (refusing to claim is allowed and counted)`);
  log('verdict: met / MISSED when the one-sided 95% exact bound of the rate is on one side of the target; otherwise more panels; still undecided at the most panels: judged by the point estimate, marked "(within MC error)"; rates ± their Monte-Carlo standard error');
  log('| scenario | method | true lift | panels | refused | coverage | false positives / power | bias (pts) | verdict | methods used |');
  log('|---|---|---:|---:|---:|---:|---:|---:|---|---|');
  let misses = 0; let extended = 0; let undecided = 0; let cells = 0;
  for (const s of scenarios) {
    for (const lift of LIFTS) {
      const tallies = new Map(METHODS.map((m) => [m, emptyTally()]));
      const scoped = (m: BenchMethod): boolean => !(m === 'uplift' && upliftOutOfScope(s));
      let todo = [...METHODS];
      for (let r = 0; r < maxReps && todo.length; r++) {
        for (const [m, out] of analysePanel(s, lift, panelSeed(r), todo)) addOutcome(tallies.get(m)!, out, lift);
        // After the first stage and each doubling, keep going only for cells still undecided.
        const n = r + 1;
        if (n >= reps && (n === reps || n === 2 * reps || n === maxReps))
          todo = todo.filter((m) => scoped(m) && cellVerdict(tallies.get(m)!, lift) === 'undecided');
      }
      for (const m of METHODS) {
        const tl = tallies.get(m)!; cells++;
        const v = cellVerdict(tl, lift);
        if (tl.runs > reps) extended++;
        let text: string;
        if (!scoped(m)) text = 'n/a (before/after)';
        else if (v === 'met') text = 'met';
        else if (v === 'missed') { text = 'MISSED'; misses++; }
        else { undecided++; const ok = pointVerdict(tl, lift); if (!ok) misses++; text = `${ok ? 'met' : 'MISSED'} (within MC error)`; }
        const c = cellResult(s, m, lift, tl);
        log(`| ${s.name} | ${m} | ${pct(lift)} | ${tl.runs} | ${tl.refused} | ${pctSe(tl.covered, tl.shown)} | ${lift === 0 ? 'FP ' : ''}${pctSe(tl.claims, tl.runs)} | ${pts(c.bias)} | ${text} | ${c.used} |`);
      }
    }
  }
  log(`simulation time ${((performance.now() - t) / 1000).toFixed(1)} s; ${cells} cells, ${extended} given more panels, ${undecided} still within Monte-Carlo error of a target at ${maxReps} panels (judged by the point estimate)`);
  log(`verdict: cells missing a target: ${misses}`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLiftBench().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
}
