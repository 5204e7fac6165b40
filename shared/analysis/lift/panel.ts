import type { LiftInput, WidePanel } from './types.ts';

/** Raised for inputs no estimator can use (unknown locations, empty periods...). */
export class LiftInputError extends Error {
  override name = 'LiftInputError';
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Share of dates a location may miss before it is unusable. */
export const MAX_MISSING_SHARE = 0.2;

/**
 * Turn long observations into a dense location x date matrix.
 * Duplicate (location, date) rows are summed. A missing (location, date) row is read as zero (nothing
 * recorded), as GeoexperimentsResearch's group aggregation does, when at most 20% of a location's dates are
 * missing; sparser controls are dropped (noted) and sparser treated locations are an error.
 */
export function buildPanel(input: LiftInput): WidePanel {
  const { panel, start, end } = input;
  for (const d of [start, end, input.preStart]) {
    if (d !== undefined && !ISO.test(d)) throw new LiftInputError(`date "${d}" is not YYYY-MM-DD`);
  }
  if (start > end) throw new LiftInputError(`start ${start} is after end ${end}`);
  if (input.treated.length === 0) throw new LiftInputError('no treated locations given');
  const byLoc = new Map<string, Map<string, number>>();
  const dateSet = new Set<string>();
  for (const o of panel) {
    if (!Number.isFinite(o.value)) throw new LiftInputError(`value for ${o.location} on ${o.date} is not a finite number`);
    if (!ISO.test(o.date)) throw new LiftInputError(`date "${o.date}" for ${o.location} is not YYYY-MM-DD`);
    let m = byLoc.get(o.location);
    if (!m) { m = new Map(); byLoc.set(o.location, m); }
    m.set(o.date, (m.get(o.date) ?? 0) + o.value);
    dateSet.add(o.date);
  }
  const preStart = input.preStart ?? [...dateSet].sort()[0] ?? start;
  const dates = [...dateSet].filter((d) => d >= preStart).sort();
  const t0 = dates.findIndex((d) => d >= start);
  if (t0 < 0 || dates[t0]! > end) throw new LiftInputError(`the panel has no dates between ${start} and ${end}`);
  let t1 = dates.findIndex((d) => d > end);
  if (t1 < 0) t1 = dates.length;
  const treatedSet = new Set(input.treated);
  if (treatedSet.size !== input.treated.length) throw new LiftInputError('treated locations contain duplicates');
  for (const t of input.treated) if (!byLoc.has(t)) throw new LiftInputError(`treated location "${t}" is not in the panel`);
  const controlReq = input.control ?? [...byLoc.keys()].filter((l) => !treatedSet.has(l)).sort();
  for (const c of controlReq) {
    if (treatedSet.has(c)) throw new LiftInputError(`location "${c}" is both treated and control`);
    if (!byLoc.has(c)) throw new LiftInputError(`control location "${c}" is not in the panel`);
  }
  const notes: string[] = [];
  let filled = 0;
  const row = (loc: string): Float64Array | null => {
    const m = byLoc.get(loc)!;
    const r = new Float64Array(dates.length);
    let missing = 0;
    for (let i = 0; i < dates.length; i++) {
      const v = m.get(dates[i]!);
      if (v === undefined) missing++; else r[i] = v;
    }
    if (missing > MAX_MISSING_SHARE * dates.length) return null;
    filled += missing;
    return r;
  };
  const yT: Float64Array[] = [];
  for (const t of input.treated) {
    const r = row(t);
    if (!r) throw new LiftInputError(`treated location "${t}" is missing more than ${MAX_MISSING_SHARE * 100}% of dates between ${dates[0]} and ${dates[dates.length - 1]}`);
    yT.push(r);
  }
  const control: string[] = []; const yC: Float64Array[] = [];
  const dropped: string[] = [];
  for (const c of controlReq) {
    const r = row(c);
    if (r) { control.push(c); yC.push(r); } else dropped.push(c);
  }
  if (filled) notes.push(`${filled} missing location-date value(s) read as 0`);
  if (dropped.length) notes.push(`dropped ${dropped.length} control location(s) with too many missing dates: ${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? '…' : ''}`);
  return { dates, treated: [...input.treated], control, yT, yC, t0, t1, notes };
}

/** Sum of several rows (aggregate series). */
export function sumRows(rows: Float64Array[], len: number): Float64Array {
  const s = new Float64Array(len);
  for (const r of rows) for (let i = 0; i < len; i++) s[i] = s[i]! + r[i]!;
  return s;
}

/** True when every value is a non-negative integer (count data such as helpline calls). */
export function isCountData(rows: Float64Array[], from: number, to: number): boolean {
  for (const r of rows) for (let i = from; i < to; i++) { const v = r[i]!; if (v < 0 || !Number.isInteger(v)) return false; }
  return true;
}
