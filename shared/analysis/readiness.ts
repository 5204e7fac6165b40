import { addDays, weekStart } from '../domain/dates.ts';

/** A row of baseline_coverage.sql: days reported in one week by one partner, channel and region. */
export interface CoverageRow {
  partner: string;
  channel: string;
  region: string;
  role: string;
  week_start: string;
  days: number | bigint;
  last_day: string;
}

/** How completely one partner's series covers the baseline, week by week. */
export interface BaselineCoverage {
  partner: string;
  channel: string;
  region: string;
  role: 'targeted' | 'control';
  weeksExpected: number;
  /** Weeks with all 7 days reported. */
  weeksComplete: number;
  /** Week starts (Mondays) with nothing reported, and with only some days. */
  missingWeeks: string[];
  partialWeeks: string[];
  /** Last day this partner's data covers (the "data received up to" stamp). */
  dataUpTo: string | null;
}

/** How well the control regions' weekly counts track the targeted regions' over the baseline. */
export interface ControlFit {
  channel: string;
  weeks: number;
  /** R² of targeted ~ a + b x control over the baseline weeks (null when it cannot be computed). */
  r2: number | null;
  /** Mean absolute percentage error of that fit, in percent. */
  mape: number | null;
  verdict: 'good' | 'fair' | 'poor' | 'insufficient';
  text: string;
}

/** Minimum detectable lift for the planned duration, from `campaign plan`'s simulation. */
export interface PlanResult {
  channel: string;
  durationDays: number;
  /** smallest lift detectable with 80% power, as a fraction (0.12 = 12%); null when none in range */
  mdl: number | null;
  method: string;
  note: string;
}

/** The pre-launch readiness section. */
export interface Readiness {
  baseline: { start: string; end: string };
  coverage: BaselineCoverage[];
  fit: ControlFit[];
  plan: PlanResult[];
  notes: string[];
}

/** Mondays of the weeks wholly or partly inside [start, end]. */
export function weeksOf(start: string, end: string): string[] {
  const out: string[] = [];
  for (let w = weekStart(start); w <= end; w = addDays(w, 7)) out.push(w);
  return out;
}

/**
 * Baseline coverage per partner, channel and region: which weeks were reported in full, in part
 * or not at all. Only whole weeks inside the baseline are expected.
 */
export function baselineCoverage(rows: CoverageRow[], baseline: { start: string; end: string }): BaselineCoverage[] {
  const expected = weeksOf(baseline.start, baseline.end).filter((w) => w >= baseline.start && addDays(w, 6) <= baseline.end);
  const series = new Map<string, CoverageRow[]>();
  for (const r of rows) {
    const key = `${r.partner}|${r.channel}|${r.region}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  return [...series.values()].map((rs) => {
    const days = new Map(rs.map((r) => [String(r.week_start).slice(0, 10), Number(r.days)]));
    const first = rs[0]!;
    return {
      partner: first.partner,
      channel: first.channel,
      region: first.region,
      role: first.role === 'control' ? 'control' : 'targeted',
      weeksExpected: expected.length,
      weeksComplete: expected.filter((w) => (days.get(w) ?? 0) >= 7).length,
      missingWeeks: expected.filter((w) => !days.has(w)),
      partialWeeks: expected.filter((w) => days.has(w) && days.get(w)! < 7),
      dataUpTo: rs.map((r) => String(r.last_day).slice(0, 10)).sort().at(-1) ?? null,
    };
  });
}

/**
 * Fit of the targeted regions' weekly total on the control regions' weekly total over the
 * baseline (ordinary least squares with an intercept, as time-based regression uses): R² and the
 * mean absolute percentage error, in plain words.
 */
export function controlFit(channel: string, weekly: { week: string; targeted: number; control: number }[]): ControlFit {
  const pts = weekly.filter((w) => Number.isFinite(w.targeted) && Number.isFinite(w.control));
  const n = pts.length;
  const none = (why: string): ControlFit => ({ channel, weeks: n, r2: null, mape: null, verdict: 'insufficient', text: why });
  if (n < 4) return none(`only ${n} baseline week${n === 1 ? '' : 's'} with data in both targeted and control regions: at least 4 are needed to judge the fit`);
  const mx = pts.reduce((s, p) => s + p.control, 0) / n;
  const my = pts.reduce((s, p) => s + p.targeted, 0) / n;
  const sxx = pts.reduce((s, p) => s + (p.control - mx) ** 2, 0);
  const sxy = pts.reduce((s, p) => s + (p.control - mx) * (p.targeted - my), 0);
  const syy = pts.reduce((s, p) => s + (p.targeted - my) ** 2, 0);
  if (sxx === 0 || syy === 0) return none('the weekly counts do not vary over the baseline, so the fit cannot be judged');
  const b = sxy / sxx;
  const a = my - b * mx;
  const sse = pts.reduce((s, p) => s + (p.targeted - (a + b * p.control)) ** 2, 0);
  const r2 = 1 - sse / syy;
  const withY = pts.filter((p) => p.targeted > 0);
  const mape = withY.length ? (100 * withY.reduce((s, p) => s + Math.abs(p.targeted - (a + b * p.control)) / p.targeted, 0)) / withY.length : null;
  // Counts this small vary by chance alone (Poisson: variance = mean), so a low R² on a flat
  // baseline is no fault of the controls. Judge the leftover variance against that floor.
  const excess = my > 0 ? sse / (n - 2) / my : Infinity;
  const verdict = excess <= 1.5 || r2 >= 0.6 ? 'good' : excess <= 3 || r2 >= 0.3 ? 'fair' : 'poor';
  const words = {
    good: 'the control regions track the targeted regions about as well as counts this size allow',
    fair: 'the control regions track the targeted regions only loosely: expect wide intervals',
    poor: 'the control regions hardly track the targeted regions: a lift estimate will be imprecise; consider other control regions',
  }[verdict];
  const err = mape === null ? '' : `, typical weekly error ${mape.toFixed(0)}%`;
  const chance = Number.isFinite(excess) ? `, leftover variation ${excess.toFixed(1)}x what chance alone gives` : '';
  return { channel, weeks: n, r2, mape, verdict, text: `${words} (R² ${r2.toFixed(2)} over ${n} baseline weeks${err}${chance})` };
}
