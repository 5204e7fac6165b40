import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../../../shared/analysis/lift/prng.ts';
import type { PanelObservation } from '../../../shared/analysis/lift/types.ts';

const FIX = fileURLToPath(new URL('../../fixtures/lift/', import.meta.url));

/** Path of a lift fixture file. */
export function fixturePath(name: string): string { return FIX + name; }

/** GeoLift example panel (location,Y,date). */
export function geoliftPanel(name = 'GeoLift_Test.csv'): PanelObservation[] {
  return readFileSync(FIX + name, 'utf8').trim().split('\n').slice(1).map((l) => {
    const [location, y, date] = l.split(',');
    return { location: location!, value: Number(y), date: date! };
  });
}

/** GeoexperimentsResearch salesandcost panel on sales, with its geo assignment. */
export function salesPanel(): { panel: PanelObservation[]; treated: string[]; control: string[] } {
  const panel = readFileSync(FIX + 'salesandcost.csv', 'utf8').trim().split('\n').slice(1).map((l) => {
    const [date, geo, sales] = l.split(',');
    return { location: geo!, date: date!, value: Number(sales) };
  });
  const ga = readFileSync(FIX + 'geoassignment.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  return { panel, treated: ga.filter((r) => r[1] === '2').map((r) => r[0]!), control: ga.filter((r) => r[1] === '1').map((r) => r[0]!) };
}

export interface SynthOptions { locations?: number; days?: number; testDays?: number; treated?: number; lift?: number; scale?: [number, number]; seed?: number; seasonal?: boolean }

/**
 * Poisson panel with a common multiplicative seasonality and location sizes; the first `treated`
 * locations get (1 + lift) times their rate in the last `testDays` days.
 */
export function synthPanel(o: SynthOptions = {}): { panel: PanelObservation[]; treated: string[]; start: string; end: string; dates: string[] } {
  const n = o.locations ?? 20; const T = o.days ?? 90; const D = o.testDays ?? 14; const k = o.treated ?? 2;
  const lift = o.lift ?? 0; const [lo, hi] = o.scale ?? [20, 200];
  const rng = makeRng(o.seed ?? 1);
  const base = Date.UTC(2024, 0, 1);
  const dates = Array.from({ length: T }, (_, i) => new Date(base + i * 864e5).toISOString().slice(0, 10));
  const phase = rng.next() * 6;
  const f = dates.map((_, t) => (o.seasonal === false ? 1 : 1 + 0.25 * Math.sin((2 * Math.PI * t) / 7) + 0.15 * Math.sin(t / 20 + phase)));
  const panel: PanelObservation[] = [];
  for (let i = 0; i < n; i++) {
    const s = lo + (hi - lo) * rng.next();
    for (let t = 0; t < T; t++) {
      const m = s * f[t]! * (i < k && t >= T - D ? 1 + lift : 1);
      panel.push({ location: `r${i}`, date: dates[t]!, value: rng.poisson(m) });
    }
  }
  return { panel, treated: Array.from({ length: k }, (_, i) => `r${i}`), start: dates[T - D]!, end: dates[T - 1]!, dates };
}
