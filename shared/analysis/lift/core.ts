import { countGuard } from './counts.ts';
import { isCountData } from './panel.ts';
import type { CumulativePoint, LiftMethod, LiftResult, SeriesPoint, WidePanel } from './types.ts';

/** What an estimator produces before the shared post-processing (lift, intervals, count guard). */
export interface CoreEstimate {
  method: LiftMethod;
  /** treated aggregate (sum over treated locations) and its counterfactual, for every panel date */
  observed: Float64Array;
  counterfactual: Float64Array;
  /** interval for the ATT (per treated location-period), or null when the method has none */
  attCi: [number, number] | null;
  pValue: number | null;
  weights: Record<string, number>;
  /** lower/upper of the cumulative incremental total for each test-period date */
  cumBand?: { lower: number[]; upper: number[] };
  /** when the interval was skipped (power simulations): whether it would leave out zero */
  zeroRejected?: boolean;
  seriesBand?: { lower: Float64Array; upper: Float64Array };
  notes: string[];
}

/** Result with no claim: every number null and a plain-words reason. */
export function insufficientResult(method: LiftMethod, reason: string, why: string, periods = 0): LiftResult {
  return {
    method, reason, att: null, incremental: null, lift: null, ciLow: null, ciHigh: null, pValue: null,
    weights: {}, preFit: { periods }, series: [], cumulative: [], insufficient: why,
  };
}

/** Pre-period fit quality of the counterfactual on the treated aggregate. */
export function preFitStats(obs: Float64Array, cf: Float64Array, t0: number): LiftResult['preFit'] {
  if (t0 === 0) return { periods: 0 };
  let sse = 0; let ape = 0; let nApe = 0; let mean = 0;
  for (let t = 0; t < t0; t++) mean += obs[t]! / t0;
  let sst = 0;
  for (let t = 0; t < t0; t++) {
    const e = obs[t]! - cf[t]!;
    sse += e * e; sst += (obs[t]! - mean) ** 2;
    if (obs[t]! !== 0) { ape += Math.abs(e / obs[t]!); nApe++; }
  }
  const out: LiftResult['preFit'] = { rmse: Math.sqrt(sse / t0), periods: t0 };
  if (nApe) out.mape = ape / nApe;
  if (sst > 0) out.r2 = 1 - sse / sst;
  return out;
}

/**
 * Turn a core estimate into the public result: ATT, incremental, lift = incremental / counterfactual,
 * the lift interval, and for count data the exact Poisson guard (p = max of both tests, interval = union),
 * so small counts never look more significant than a count-aware test supports.
 */
export function finalize(p: WidePanel, core: CoreEstimate, reason: string, alpha: number): LiftResult {
  const { t0, t1, dates } = p;
  const nT = p.treated.length; const nPost = t1 - t0;
  let obsPost = 0; let cfPost = 0; let obsPre = 0; let cfPre = 0;
  for (let t = t0; t < t1; t++) { obsPost += core.observed[t]!; cfPost += core.counterfactual[t]!; }
  for (let t = 0; t < t0; t++) { obsPre += core.observed[t]!; cfPre += core.counterfactual[t]!; }
  const incremental = obsPost - cfPost;
  const att = incremental / (nT * nPost);
  const liftOf = (inc: number): number => inc / (obsPost - inc);
  let lift: number | null = cfPost > 0 ? incremental / cfPost : null;
  let ciLow: number | null = null; let ciHigh: number | null = null;
  if (core.attCi && lift !== null) {
    const [a, b] = core.attCi;
    ciLow = liftOf(a * nT * nPost); ciHigh = liftOf(b * nT * nPost);
    if (!(obsPost - b * nT * nPost > 0)) ciHigh = Infinity;
  }
  let pValue = core.pValue;
  const notes = [...p.notes, ...core.notes];
  if (isCountData(p.yT, 0, t1) && lift !== null) {
    const g = countGuard(obsPost, cfPost, obsPre, cfPre, alpha);
    if (g) {
      const before = pValue;
      pValue = pValue === null ? g.pValue : Math.max(pValue, g.pValue);
      ciLow = ciLow === null ? g.low - 1 : Math.min(ciLow, g.low - 1);
      ciHigh = ciHigh === null ? g.high - 1 : Math.max(ciHigh, g.high - 1);
      if (before !== null && g.pValue > before) notes.push('exact Poisson test on the counts is less certain than the model test, so its p-value is reported');
    }
  }
  if (lift === null) { ciLow = null; ciHigh = null; }
  const series: SeriesPoint[] = dates.map((date, t) => {
    const pt: SeriesPoint = { date, observed: core.observed[t]!, counterfactual: core.counterfactual[t]! };
    if (core.seriesBand) { pt.lower = core.seriesBand.lower[t]!; pt.upper = core.seriesBand.upper[t]!; }
    return pt;
  });
  const cumulative: CumulativePoint[] = [];
  let cum = 0;
  for (let t = t0; t < t1; t++) {
    cum += core.observed[t]! - core.counterfactual[t]!;
    const k = t - t0;
    cumulative.push({ date: dates[t]!, incremental: cum, lower: core.cumBand?.lower[k] ?? cum, upper: core.cumBand?.upper[k] ?? cum });
  }
  return {
    method: core.method,
    reason,
    att, incremental, lift, ciLow, ciHigh, pValue,
    weights: core.weights,
    preFit: preFitStats(core.observed, core.counterfactual, t0),
    series, cumulative,
    ...(notes.length ? { notes } : {}),
  };
}
