/**
 * Simulated partner data with known truth, with the features of real partner data (issue 10):
 * over-dispersion, weekday closures, holidays, regional trends, weekly reporting, few controls,
 * tiny counts, missing days, a partner going quiet, spillover into controls. Each panel is made of
 * partner series rows, so the completeness rules run exactly as on the lake.
 */
import type { DemandSeriesRow } from '../shared/analysis/completeness.ts';
import { makeRng, type Rng } from '../shared/analysis/lift/prng.ts';

export interface Scenario {
  name: string;
  regions?: number; // including treated
  treated?: number;
  scale?: [number, number]; // mean count per region-day
  nbK?: number; // negative-binomial shape (over-dispersion); undefined = Poisson
  weekendClosed?: boolean; // half the regions report 0 on Saturdays and Sundays
  holidays?: boolean; // region-specific spikes on a few shared days
  trendSd?: number; // sd of each region's log-trend per quarter
  weekly?: boolean; // partners report weekly rows
  missingTestDays?: number; // treated region sends no rows for this many test days
  missingShare?: number; // share of random region-days with no row, everywhere
  partnerQuiet?: boolean; // the treated region has two partners; one goes quiet half-way through the test
  spillover?: number; // lift in the contaminated controls (excluded, as the contamination check advises)
}

export const SCENARIOS: Scenario[] = [
  { name: 'Poisson' },
  { name: 'negative binomial k=10', nbK: 10, scale: [25, 35] },
  { name: 'negative binomial k=5', nbK: 5, scale: [25, 35] },
  { name: 'negative binomial k=2', nbK: 2, scale: [25, 35] },
  { name: 'weekend closures', weekendClosed: true },
  { name: 'holiday spikes', holidays: true },
  { name: 'regional trends (sd 10%/quarter)', trendSd: 0.1 },
  { name: 'weekly reporting', weekly: true },
  { name: '3 controls', regions: 4, treated: 1 },
  { name: '2 controls', regions: 3, treated: 1 },
  { name: '1 control', regions: 2, treated: 1 },
  { name: 'tiny counts (0.5-3 a day)', scale: [0.5, 3] },
  { name: 'missing days (10 of 14 test days in a treated region)', missingTestDays: 10, missingShare: 0.03 },
  { name: 'a partner going quiet', partnerQuiet: true },
  { name: 'spillover +5% (flagged controls left out)', spillover: 0.05 },
];

export const DAYS = 98; // 14 weeks: 12 before the test, 2 of test
export const TEST_DAYS = 14;
const BASE = Date.UTC(2024, 0, 1); // a Monday
export const dateAt = (t: number): string => new Date(BASE + t * 864e5).toISOString().slice(0, 10);

function gamma(rng: Rng, k: number): number {
  // Marsaglia-Tsang (k >= 1; boosted for k < 1)
  if (k < 1) return gamma(rng, k + 1) * Math.pow(rng.next(), 1 / k);
  const d = k - 1 / 3; const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number; let v: number;
    do { x = rng.normal(); v = 1 + c * x; } while (v <= 0);
    v = v * v * v; const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export interface SimPanel {
  rows: DemandSeriesRow[];
  treated: string[];
  control: string[];
  /** controls the contamination check would flag (left out of the analysis) */
  excluded: string[];
  baseline: { start: string; end: string };
  test: { start: string; end: string };
}

/** One simulated panel with a true lift `lift` in the treated regions during the test. */
export function simulate(s: Scenario, lift: number, seed: number): SimPanel {
  const rng = makeRng(seed);
  const n = s.regions ?? 10; const k = s.treated ?? 2; const [lo, hi] = s.scale ?? [20, 60];
  const t0 = DAYS - TEST_DAYS;
  const holidayDays = s.holidays ? [20, 47, 71, t0 + 4] : [];
  const spill = s.spillover ? Math.max(1, Math.floor((n - k) / 3)) : 0;
  const rows: DemandSeriesRow[] = [];
  const regions = Array.from({ length: n }, (_, i) => `R${i}`);
  for (let i = 0; i < n; i++) {
    const size = lo + (hi - lo) * rng.next();
    const slope = s.trendSd ? (s.trendSd * rng.normal()) / 91 : 0;
    const closed = s.weekendClosed && i % 2 === 1;
    const holidayBoost = 0.5 + rng.next();
    const treated = i < k; const spilled = !treated && i < k + spill;
    const partners = s.partnerQuiet && i === 0 ? ['P0a', 'P0b'] : [`P${i}`];
    const week = new Map<string, number>();
    for (let t = 0; t < DAYS; t++) {
      const dow = t % 7; // 0 = Monday
      let mu = size * Math.exp(slope * t) * (1 + 0.15 * Math.sin((2 * Math.PI * t) / 7));
      if (closed && dow >= 5) mu = 0;
      if (holidayDays.includes(t)) mu *= 1 + 0.8 * holidayBoost;
      if (t >= t0 && treated) mu *= 1 + lift;
      if (t >= t0 && spilled) mu *= 1 + (s.spillover ?? 0);
      for (const [pi, partner] of partners.entries()) {
        const share = partners.length === 1 ? 1 : pi === 0 ? 0.6 : 0.4;
        let m = mu * share;
        if (s.nbK) m *= gamma(rng, s.nbK) / s.nbK;
        const y = rng.poisson(m);
        if (s.missingTestDays && i === 0 && t >= t0 && t < t0 + s.missingTestDays) continue;
        if (s.missingShare && rng.next() < s.missingShare) continue;
        if (s.partnerQuiet && partner === 'P0b' && t >= t0 + TEST_DAYS / 2) continue;
        if (s.weekly) {
          const wk = dateAt(t - dow);
          week.set(`${partner}|${wk}`, (week.get(`${partner}|${wk}`) ?? 0) + y);
          continue;
        }
        rows.push({ partner_id: partner, location: '', channel: 'calls', region: regions[i]!, role: treated ? 'targeted' : 'control', period_start: dateAt(t), period_days: 1, count: y });
      }
    }
    for (const [key, count] of week) {
      const [partner, wk] = key.split('|');
      rows.push({ partner_id: partner!, location: '', channel: 'calls', region: regions[i]!, role: treated ? 'targeted' : 'control', period_start: wk!, period_days: 7, count });
    }
  }
  return {
    rows,
    treated: regions.slice(0, k),
    control: regions.slice(k),
    excluded: regions.slice(k, k + spill),
    baseline: { start: dateAt(0), end: dateAt(t0 - 1) },
    test: { start: dateAt(t0), end: dateAt(DAYS - 1) },
  };
}
